import { describe, expect, it } from 'vitest';
import { originalNameOf } from '../../../../../lambdas/platform/intake/start-execution/object-content.ts';

describe('originalNameOf (metadata original-name)', () => {
  it.each([
    ['percent-encoded UTF-8', 'Rechnung%20M%C3%BCller%2Epdf', 'Rechnung Müller.pdf'],
    ['a stray byte, written out', 'inv%FF%FE%2Epdf', 'inv\\xFF\\xFE.pdf'],
    ['a bidi override, written out', 'a%E2%80%AEfdp%2Eexe', 'a\\u202Efdp.exe'],
    ['an escape sequence, written out', '%1B%5B31mred', '\\x1B[31mred'],
    ['text an uploader set by hand', 'my file (1).pdf', 'my file (1).pdf'],
  ])('shows %s', (_what, metadata, shown) => {
    expect(originalNameOf(metadata)).toBe(shown);
  });

  it('is undefined without the metadata', () => {
    expect(originalNameOf(undefined)).toBeUndefined();
  });
});
