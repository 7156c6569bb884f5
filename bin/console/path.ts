import { readFileSync } from 'node:fs';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { definitionPath } from '../../statemachines/definition.ts';
import { sourcePathOf } from '../../statemachines/generated.ts';
import { type Definition, humanStepFragments } from '../../statemachines/human-step.ts';
import type { StepTiming } from './data.ts';

/** A state machine as the console draws it: its states with their transitions. */
export interface Graph {
  readonly startAt: string;
  readonly states: readonly {
    readonly name: string;
    readonly type: string;
    readonly comment: string;
    readonly edges: readonly { readonly to: string; readonly kind: string }[];
  }[];
}

/** One box of the drawn path: a state, or a whole human step, as this execution went through it. */
export interface PathNode {
  /** The state's name, or the human step's (`RequestApproval`). */
  readonly name: string;
  /** The ASL type, or `HumanStep` for a human step drawn as one box. */
  readonly type: string;
  readonly comment: string;
  /** The states entered here, in order: one for a plain state, the phases reached for a human step. */
  readonly states: readonly string[];
  readonly failed: boolean;
  /** Entered and not yet left: the execution is here now. */
  readonly current: boolean;
  readonly durationMs?: number;
  /** Where else it could have gone from here (transitions not taken this time), by target. */
  readonly otherExits: readonly { readonly to: string; readonly kind: string }[];
}

/** The human steps of a process's workflow source, by name, with their states; none without a source. */
export function fragmentsOf(process: ProcessSpec): Record<string, string[]> {
  const source = sourcePathOf(definitionPath(process));
  if (!source) return {};
  return humanStepFragments(JSON.parse(readFileSync(source, 'utf8')) as Definition);
}

/**
 * The path an execution took, for drawing: its states in order, a human step's states as one node
 * (so its internal waits and their edges never cross the drawing), each with the exits it did not take.
 */
export function pathOf(
  graph: Graph,
  steps: readonly StepTiming[],
  fragments: Readonly<Record<string, readonly string[]>>,
): PathNode[] {
  const owner = new Map<string, string>();
  for (const [name, members] of Object.entries(fragments)) for (const m of members) owner.set(m, name);
  const nodeOf = (state: string) => owner.get(state) ?? state;
  const byName = new Map(graph.states.map((s) => [s.name, s]));

  const groups: StepTiming[][] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    const head = last?.[0];
    if (last && head && owner.has(step.name) && nodeOf(head.name) === nodeOf(step.name)) last.push(step);
    else groups.push([step]);
  }

  return groups.map((group, i) => {
    const first = group[0] as StepTiming;
    const name = nodeOf(first.name);
    const members = fragments[name];
    const exits = exitsOf(members ?? [name], byName, nodeOf);
    const nextStep = groups[i + 1]?.[0];
    const taken = nextStep ? nodeOf(nextStep.name) : undefined;
    const lastStep = group.at(-1) as StepTiming;
    const open = group.some((s) => s.exitedAt === undefined);
    return {
      name,
      type: members ? 'HumanStep' : first.type,
      comment: members
        ? 'The human step: prepares the task, waits for a decision, reminds, escalates, expires'
        : (byName.get(name)?.comment ?? ''),
      states: group.map((s) => s.name),
      failed: group.some((s) => s.failed),
      current: open,
      ...(open || lastStep.exitedAt === undefined ? {} : { durationMs: lastStep.exitedAt - first.enteredAt }),
      otherExits: exits.filter((e) => e.to !== taken),
    };
  });
}

/** The transitions leaving a state or a human step's states for elsewhere, one per target. */
function exitsOf(
  members: readonly string[],
  byName: ReadonlyMap<string, Graph['states'][number]>,
  nodeOf: (state: string) => string,
): { to: string; kind: string }[] {
  const inside = new Set(members.map(nodeOf));
  const exits = new Map<string, string>();
  for (const member of members)
    for (const edge of byName.get(member)?.edges ?? []) {
      const to = nodeOf(edge.to);
      if (!inside.has(to) && !exits.has(to)) exits.set(to, edge.kind);
    }
  return [...exits].map(([to, kind]) => ({ to, kind }));
}
