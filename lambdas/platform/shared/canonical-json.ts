/**
 * The canonical JSON encoding Tower hashes: RFC 8785 (JSON Canonicalization Scheme, JCS) applied to the
 * JSON value `JSON.stringify` would produce. One encoding, so an audit event, a rule set or an input
 * hashes to the same bytes wherever it is encoded.
 *
 * - Object members sorted by key, compared as UTF-16 code units (RFC 8785 §3.2.3; JavaScript's `<`).
 * - Members whose value is undefined (or a function or symbol) are left out, as JSON.stringify does;
 *   such array items are written `null`, as JSON.stringify does.
 * - Strings and numbers serialised as ECMAScript's JSON.stringify does (RFC 8785 §3.2.2.2, §3.2.2.3):
 *   `1e+30`, `4.5`, `-0` as `0`, control characters as `\u000f`.
 * - NaN, Infinity and BigInt have no JSON form: an error, never a silent `null` (RFC 8785 §3.2.2.3).
 * - A value with `toJSON` (a Date) is encoded as what `toJSON` returns, as JSON.stringify does.
 * - No whitespace.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, 'x'] }) // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const encoded = encode(value);
  return encoded ?? 'null';
}

/** The encoding of one value; undefined where JSON.stringify leaves the value out. */
function encode(value: unknown): string | undefined {
  const json = toJsonValue(value);
  if (json === undefined || typeof json === 'function' || typeof json === 'symbol') return undefined;
  if (json === null || typeof json === 'boolean' || typeof json === 'string') return JSON.stringify(json);
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) throw new TypeError(`canonical JSON has no form for the number ${json}`);
    return JSON.stringify(json);
  }
  if (typeof json === 'bigint') throw new TypeError('canonical JSON has no form for a BigInt');
  if (Array.isArray(json)) return `[${json.map((item) => encode(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(json as object).sort(byCodeUnits)) {
    const member = encode((json as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function')
    return (value.toJSON as () => unknown)();
  return value;
}

/** RFC 8785 §3.2.3: keys ordered by their UTF-16 code units, which is what `<` on strings compares. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
