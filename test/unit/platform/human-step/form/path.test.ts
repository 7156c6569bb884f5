import { describe, expect, it } from 'vitest';
import { isReference, resolve, rowsOf } from '../../../../../lambdas/platform/human-step/form/path.ts';

const data = { claim: { lines: [{ text: 'a' }, 'not a row'], total: { value: '1.00' } }, list: [1] };

describe("a form's references into its data", () => {
  it.each([
    ['$.claim.total.value', '1.00'],
    ['$.claim.lines[0].text', 'a'],
    ['$.list[0]', 1],
    ['$.claim.lines[5]', undefined],
    ['$.claim.lines.text', undefined],
    ['$.list.length', undefined],
    ['$.claim.constructor', undefined],
    ['claim.total', undefined],
  ])('resolves %s to %j', (path, value) => {
    expect(resolve(data, path)).toEqual(value);
  });

  it('accepts only $ with names and indexes', () => {
    expect(['$', '$.a', '$.a[0].b_c-d'].every(isReference)).toBe(true);
    expect(['$..a', '$.a[*]', '$[?(@.x)]', 'a', `$.${'a'.repeat(200)}`].some(isReference)).toBe(false);
  });

  it('reads rows as objects, an entry that is not one as an empty row', () => {
    expect(rowsOf(data, '$.claim.lines')).toEqual([{ text: 'a' }, {}]);
    expect(rowsOf(data, '$.claim.total')).toEqual([]);
  });
});
