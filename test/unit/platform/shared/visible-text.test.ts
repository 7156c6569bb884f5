import { describe, expect, it } from 'vitest';
import { htmlText } from '../../../../lambdas/platform/shared/html.ts';
import { visibleText } from '../../../../lambdas/platform/shared/visible-text.ts';

describe('visibleText', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoice\\u202Efdp.exe'],
    ['a terminal colour sequence', '\u001B[31mred\u001B[0m.pdf', '\\x1B[31mred\\x1B[0m.pdf'],
    ['the C0 controls', '\u0000\u0007\b\t\n\r\u001F', '\\x00\\x07\\x08\\x09\\x0A\\x0D\\x1F'],
    ['DEL and the C1 controls (CSI)', '\u007F\u0080\u009B\u009F', '\\x7F\\x80\\x9B\\x9F'],
    ['the bidi marks', '\u200E\u200F\u061C', '\\u200E\\u200F\\u061C'],
    ['the embeddings and overrides', '\u202A\u202B\u202C\u202D\u202E', '\\u202A\\u202B\\u202C\\u202D\\u202E'],
    ['the isolates', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['the line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
  ])('writes out %s', (_what, raw, shown) => {
    expect(visibleText(raw)).toBe(shown);
  });

  it('leaves ordinary text alone: accents, right-to-left scripts, emoji with joiners', () => {
    // Prepare
    const ordinary = 'Müller GmbH — שלום مرحبا 👩‍💻 日本語 1,234.50 €';

    // Act / Assess
    expect(visibleText(ordinary)).toBe(ordinary);
  });
});

describe('htmlText', () => {
  it('isolates the value in <bdi>, escapes markup and shows the bidi override', () => {
    expect(htmlText('<b>INV\u202E42</b>')).toBe('<bdi>&lt;b&gt;INV\\u202E42&lt;/b&gt;</bdi>');
  });
});
