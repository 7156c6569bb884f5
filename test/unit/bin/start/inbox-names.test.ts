import { describe, expect, it } from 'vitest';
import { inboxName, maxNameBytes } from '../../../../bin/start/inbox-names.ts';

describe('inboxName', () => {
  it.each([['invoice 2025-03 (copy).pdf'], ['Rechnung Müller GmbH.pdf'], ['فاتورة.pdf'], ['請求書.pdf']])(
    'keeps an ordinary name (%s) as it is',
    (name) => {
      expect(inboxName(Buffer.from(name))).toEqual({ name, shown: name });
    },
  );

  it.each([
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoice_fdp.exe', 'invoice\\u202Efdp.exe'],
    ['a backslash', 'a\\b.pdf', 'a_b.pdf', 'a\\b.pdf'],
    ['nothing but controls', '\u0001\u0002.pdf', 'unnamed.pdf', '\\x01\\x02.pdf'],
    ['a newline', 'two\nlines.pdf', 'two_lines.pdf', 'two\\x0Alines.pdf'],
  ])('renames a name with %s, keeping the original', (_what, raw, name, shown) => {
    const named = inboxName(Buffer.from(raw));
    expect(named).toMatchObject({ name, shown });
    expect(named.original).toMatch(/^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})+$/);
  });

  it('cuts a long name between characters, keeping its extension', () => {
    // Prepare: three-byte characters, so a cut at a byte count could split one.
    const raw = `${'日'.repeat(90)}.pdf`;

    // Act
    const { name, original } = inboxName(Buffer.from(raw));

    // Assess
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(maxNameBytes);
    expect(name).toBe(`${'日'.repeat(65)}.pdf`);
    expect(original).toBe(encodeURIComponent(raw).replace(/\./g, '%2E'));
  });
});
