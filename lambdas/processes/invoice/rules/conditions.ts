/**
 * Load-time checks of json-rules-engine conditions. A misspelt fact or path does not fail at run
 * time, it silently evaluates false, and a silently false approval rule approves on its own: so
 * every fact, path and operator is checked against the facts' shape before the rule set is used.
 */

import { hasPath } from './template.ts';

/** Operators this step registers on top of json-rules-engine's defaults (see engine.ts). */
export const amountOperators = ['amountGreaterThan', 'amountGreaterThanInclusive'] as const;

const knownOperators = new Set<string>([
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  ...amountOperators,
]);
const knownDecorators = new Set(['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not']);
const simplePath = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const nodeKeys = new Set(['all', 'any', 'not', 'name', 'priority']);
const leafKeys = new Set(['fact', 'operator', 'value', 'path', 'params', 'name', 'priority']);

type Shape = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operatorProblem(operator: unknown): string | null {
  if (typeof operator !== 'string') return 'operator must be a string';
  const parts = operator.split(':');
  const base = parts.pop() ?? '';
  if (!knownOperators.has(base)) return `unknown operator ${base}`;
  const decorator = parts.find((p) => !knownDecorators.has(p));
  return decorator === undefined ? null : `unknown operator decorator ${decorator}`;
}

/** Problems of a fact reference (`fact` + optional `path`) against the facts' shape. */
function factProblem(fact: unknown, path: unknown, shape: Shape): string | null {
  if (typeof fact !== 'string' || !Object.hasOwn(shape, fact)) return `unknown fact ${String(fact)}`;
  if (path === undefined) return null;
  if (typeof path !== 'string' || !simplePath.test(path))
    return `path ${String(path)} must be a simple path like $.a.b`;
  return hasPath(shape[fact], path.slice(2)) ? null : `fact ${fact} has no path ${path}`;
}

function leafProblems(leaf: Record<string, unknown>, where: string, shape: Shape): string[] {
  const problems: string[] = [];
  const extra = Object.keys(leaf).filter((k) => !leafKeys.has(k));
  if (extra.length > 0) problems.push(`${where}: unexpected keys ${extra.join(', ')}`);
  if (!Object.hasOwn(leaf, 'value')) problems.push(`${where}: value is missing`);
  const checks = [operatorProblem(leaf.operator), factProblem(leaf.fact, leaf.path, shape)];
  if (isRecord(leaf.value) && Object.hasOwn(leaf.value, 'fact'))
    checks.push(factProblem(leaf.value.fact, leaf.value.path, shape));
  for (const problem of checks) if (problem !== null) problems.push(`${where}: ${problem}`);
  return problems;
}

/** Every problem of a condition tree, each prefixed with where it is (e.g. `rules[3].conditions.all[1]`). */
export function conditionProblems(node: unknown, where: string, shape: Shape): string[] {
  if (!isRecord(node)) return [`${where}: must be an object`];
  if (Object.hasOwn(node, 'fact')) return leafProblems(node, where, shape);
  const kinds = ['all', 'any', 'not'].filter((k) => Object.hasOwn(node, k));
  const extra = Object.keys(node).filter((k) => !nodeKeys.has(k));
  if (kinds.length !== 1 || extra.length > 0)
    return [`${where}: must be a condition, or have exactly one of all, any, not`];
  const kind = kinds[0] ?? 'all';
  const children = node[kind];
  if (kind === 'not') return conditionProblems(children, `${where}.not`, shape);
  if (!Array.isArray(children) || children.length === 0)
    return [`${where}.${kind}: must be a non-empty array`];
  return children.flatMap((child, i) => conditionProblems(child, `${where}.${kind}[${i}]`, shape));
}
