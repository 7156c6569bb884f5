import { describe, expect, it } from 'vitest';
import { PdfName, PdfRef, parseObject } from '../../../../lambdas/platform/inspection/pdf-syntax.ts';

const value = (text: string) => parseObject(text, 0)?.value;

describe('parseObject', () => {
  it('reads a trailer: names, numbers, references, arrays of hex strings', () => {
    // Act
    const trailer = value('<< /Root 1 0 R /Size 7 /ID [<0a0B><c>] /Encrypt 6 0 R /Neg -3392 /Real .5 >>');

    // Assess
    expect(trailer).toEqual(
      new Map<string, unknown>([
        ['Root', new PdfRef(1, 0)],
        ['Size', 7],
        ['ID', [Buffer.from([0x0a, 0x0b]), Buffer.from([0xc0])]],
        ['Encrypt', new PdfRef(6, 0)],
        ['Neg', -3392],
        ['Real', 0.5],
      ]),
    );
  });

  it.each([
    ['escapes', String.raw`(a\(b\)c\\d\n\r\t\b\f)`, Buffer.from('a(b)c\\d\n\r\t\b\f', 'latin1')],
    [
      'octal escapes of one to three digits',
      String.raw`(\0\12\101\1014)`,
      Buffer.from([0, 10, 65, 65, 0x34]),
    ],
    ['balanced parentheses', '(a (nested) b)', Buffer.from('a (nested) b')],
    ['a line continuation', '(ab\\\r\ncd\\\nef)', Buffer.from('abcdef')],
    ['end-of-line markers as LF', '(a\r\nb\rc)', Buffer.from('a\nb\nc')],
    ['bytes past ASCII as themselves', '(\u00ff\u0080)', Buffer.from([0xff, 0x80])],
    ['an unknown escape as its character', String.raw`(\q)`, Buffer.from('q')],
  ])('reads literal strings: %s', (_name, text, bytes) => {
    // Act, Assess
    expect(value(text)).toEqual(bytes);
  });

  it('decodes #xx in names, and reads booleans, null and nested dictionaries', () => {
    // Act
    const dict = value('<</Fil#74er/Standard/EncryptMetadata false/X null/CF<</StdCF<</CFM/AESV2>>>>>>');

    // Assess
    expect(dict).toEqual(
      new Map<string, unknown>([
        ['Filter', new PdfName('Standard')],
        ['EncryptMetadata', false],
        ['X', null],
        ['CF', new Map([['StdCF', new Map([['CFM', new PdfName('AESV2')]])]])],
      ]),
    );
  });

  it('skips comments', () => {
    // Act, Assess
    expect(value('% a comment\n<< /R % another\n 4 >>')).toEqual(new Map([['R', 4]]));
  });

  it.each([
    ['an unterminated dictionary', '<< /R 4 '],
    ['an unterminated string', '(abc'],
    ['a key that is not a name', '<< 4 4 >>'],
    ['a bad hex string', '<zz>'],
    ['a word that is no object', 'obj'],
    ['nesting past 16 levels', `${'['.repeat(40)}${']'.repeat(40)}`],
  ])('gives up on %s', (_name, text) => {
    // Act, Assess
    expect(parseObject(text, 0)).toBeNull();
  });

  it('reads no further than its limit', () => {
    // Act, Assess
    expect(parseObject('<< /R 4 >>', 0, 6)).toBeNull();
    expect(parseObject('<< /R 4 >>', 0, 10)?.end).toBe(10);
  });
});
