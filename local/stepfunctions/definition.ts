/** The subset of Amazon States Language the local runner inspects. */
export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: unknown;
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number;
  readonly Seconds?: number;
  readonly Retry?: readonly { readonly IntervalSeconds?: number }[];
  readonly Next?: string;
  readonly Default?: string;
  readonly End?: boolean;
  readonly Choices?: readonly { readonly Next?: string }[];
  readonly Catch?: readonly { readonly Next: string; readonly ErrorEquals: readonly string[] }[];
  readonly Branches?: readonly AslDefinition[];
  readonly Iterator?: AslDefinition;
  readonly ItemProcessor?: AslDefinition;
  readonly [key: string]: unknown;
}

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
  readonly [key: string]: unknown;
}

/** Every state, nested ones (Map, Parallel) included; state names are unique across a state machine. */
export function allStates(definition: AslDefinition): [string, AslState][] {
  const found: [string, AslState][] = [];
  const visit = (d: AslDefinition) => {
    for (const [name, state] of Object.entries(d.States)) {
      found.push([name, state]);
      for (const branch of state.Branches ?? []) visit(branch);
      if (state.Iterator) visit(state.Iterator);
      if (state.ItemProcessor) visit(state.ItemProcessor);
    }
  };
  visit(definition);
  return found;
}

/** The states a state can go to next, for drawing the graph. */
export function transitionsOf(
  state: AslState,
): { readonly to: string; readonly kind: 'next' | 'choice' | 'default' | 'catch' }[] {
  const edges: { to: string; kind: 'next' | 'choice' | 'default' | 'catch' }[] = [];
  if (state.Next) edges.push({ to: state.Next, kind: 'next' });
  for (const choice of state.Choices ?? []) if (choice.Next) edges.push({ to: choice.Next, kind: 'choice' });
  if (state.Default) edges.push({ to: state.Default, kind: 'default' });
  for (const c of state.Catch ?? []) edges.push({ to: c.Next, kind: 'catch' });
  return edges;
}

/** A plain `$.a.b` JSONPath into a value: `$` (or no path) is the value itself, anything fancier undefined. */
export function valueAtPath(value: unknown, path: unknown): unknown {
  if (path === undefined || path === '$') return value;
  if (typeof path !== 'string' || !/^\$(\.[A-Za-z0-9_]+)+$/.test(path)) return undefined;
  return path
    .slice(2)
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}
