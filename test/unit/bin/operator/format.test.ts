import { describe, expect, it } from 'vitest';
import { terminalJson, terminalText, wrapText } from '../../../../bin/common/terminal-text.ts';
import { table } from '../../../../bin/operator/format.ts';

describe('wrapText', () => {
  it.each([
    ['one two three', 7, ['one two', 'three']],
    ['', 10, ['']],
    ['short', 10, ['short']],
    ['abcdefghij klm', 4, ['abcd', 'efgh', 'ij', 'klm']],
  ])('wraps %j at %i', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  it('keeps every word of a long reason, each line within the width', () => {
    // Prepare
    const reason = `Total confidence 83.31 is below 90; ${'check the subtotal and the tax lines '.repeat(6)}end`;

    // Act
    const lines = wrapText(reason, 60);

    // Assess
    expect(lines.join(' ')).toBe(reason.replace(/ +/g, ' '));
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(lines.at(-1)).toMatch(/end$/);
  });
});

describe('table', () => {
  it('wraps a long value into more lines of its column, the other columns aligned', () => {
    // Act
    const text = table(
      [{ step: 'rules', why: 'one two three four five six seven eight nine ten eleven twelve' }],
      [
        { header: 'STEP', value: (r) => r.step },
        { header: 'WHY', value: (r) => r.why, wrap: 20 },
      ],
    );

    // Assess
    expect(text.split('\n')).toEqual([
      'STEP   WHY',
      'rules  one two three four',
      '       five six seven eight',
      '       nine ten eleven',
      '       twelve',
    ]);
  });

  it('shows control and bidi characters of a value written out, so widths stay true', () => {
    // Act
    const text = table(
      [{ key: 'invoices/\u001B[31mred\u202Efdp.exe', status: 'COMPLETED' }],
      [
        { header: 'KEY', value: (r) => r.key },
        { header: 'STATUS', value: (r) => r.status },
      ],
    );

    // Assess
    expect(text.split('\n')[1]).toBe('invoices/\\x1B[31mred\\u202Efdp.exe  COMPLETED');
  });
});

describe('terminalText', () => {
  it('writes out what would steer a terminal and keeps the line breaks', () => {
    expect(terminalText('a\u001B]0;title\u0007\nb\u009B2J')).toBe('a\\x1B]0;title\\x07\nb\\x9B2J');
  });
});

describe('terminalJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    // Prepare
    const value = { key: 'invoices/a\u202Efdp.exe', note: 'csi \u009B2J, esc \u001B[31m, ok ü' };

    // Act
    const json = terminalJson(value);

    // Assess
    expect(json).toContain('a\\u202efdp.exe');
    expect(json).toContain('csi \\u009b2J, esc \\u001b[31m, ok ü');
    expect(JSON.parse(json)).toEqual(value);
  });
});
