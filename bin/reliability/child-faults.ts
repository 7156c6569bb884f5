import type { FaultRule } from '../../local/runtime/faults.ts';

const kinds: readonly FaultRule['kind'][] = ['transient', 'permanent', 'timeout', 'delay', 'crash', 'kill'];

/** Fault rules handed to a child runtime as JSON; a malformed list is refused with what is wrong. */
export function faultsOf(json: string | undefined): FaultRule[] {
  if (json === undefined || json === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`fault rules are not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error('fault rules must be a JSON list');
  return parsed.map((raw: unknown, i) => {
    const rule = (raw ?? {}) as Record<string, unknown>;
    if (typeof rule.functionId !== 'string') throw new Error(`fault rule ${i}: functionId must be text`);
    if (!kinds.includes(rule.kind as FaultRule['kind']))
      throw new Error(`fault rule ${i}: kind must be one of ${kinds.join(', ')}`);
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && (rule.times as number) > 0))
      throw new Error(`fault rule ${i}: times must be a whole number from 1`);
    if (
      rule.when !== undefined &&
      (rule.when === null ||
        typeof rule.when !== 'object' ||
        !Object.values(rule.when).every((v) => typeof v === 'string'))
    )
      throw new Error(`fault rule ${i}: when must map event fields to text`);
    return rule as unknown as FaultRule;
  });
}
