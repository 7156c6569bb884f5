/** `$`, then `.name` or `[index]` steps: the one JSONPath subset a form's references use. */
const referencePattern = /^\$((\.[A-Za-z_][A-Za-z0-9_-]*)|(\[\d+\]))*$/;

export const isReference = (path: unknown): path is string =>
  typeof path === 'string' && path.length <= 200 && referencePattern.test(path);

/** The value a reference names in `data`; undefined when a step is missing (never throws). */
export function resolve(data: unknown, path: string): unknown {
  if (!isReference(path)) return undefined;
  let at: unknown = data;
  for (const [, name, index] of path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)) {
    if (at === null || typeof at !== 'object') return undefined;
    const key = name ?? Number(index);
    if (Array.isArray(at) !== (name === undefined)) return undefined;
    if (!Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** The list of row objects a rows field's `from` names; an empty list when it names anything else. */
export function rowsOf(data: unknown, path: string): readonly Readonly<Record<string, unknown>>[] {
  const rows = resolve(data, path);
  if (!Array.isArray(rows)) return [];
  return rows.map((row) =>
    row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : {},
  );
}
