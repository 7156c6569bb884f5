import { describe, expect, it } from 'vitest';
import { expenseReader } from '../../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import type { OcrWord } from '../../../../../../local/emulators/textract/ocr/tesseract-page.ts';
import { cleanWords } from '../../../../../../local/emulators/textract/ocr/words.ts';

/** OCR words tidied before layout: specks, stray quotes, split words. */

function word(text: string, x0: number, x1: number, baseline: number, height = 36): OcrWord {
  return { text, confidence: 90, bbox: { x0, y0: baseline - height, x1, y1: baseline } };
}

describe('cleanWords', () => {
  it.each([
    [
      ['Factu', 're', 'SARL'],
      ['Facture', 'SARL'],
    ], // a title
    [['D', 'ate'], ['Date']], // a label
    [
      ['Garnier', 'Transports'],
      ['Garnier', 'Transports'],
    ], // a bold space as narrow: a name stays two words
    [
      ['Total', 'HT'],
      ['Total', 'HT'],
    ], // `Total` is a label on its own
  ])('reads %j split by a narrow gap as %j', (texts, expected) => {
    // Prepare: each piece 60 px wide, 8 px apart (0.16 × the 50 px font).
    const words = texts.map((t, i) => word(t, i * 68, i * 68 + 60, 50));

    // Act / Assess
    expect(cleanWords(words, 50, expenseReader.knows).map((w) => w.text)).toEqual(expected);
  });

  it('keeps pieces a full space apart, whatever they spell', () => {
    const words = [word('D', 0, 30, 50), word('ate', 50, 110, 50)];
    expect(cleanWords(words, 50, expenseReader.knows).map((w) => w.text)).toEqual(['D', 'ate']);
  });

  it('drops stray quotes at a word edge, not apostrophes inside', () => {
    const words = [
      word('‘Datum', 0, 100, 50),
      word("d'échéance", 200, 400, 50),
      word('Rechnung’', 500, 700, 50),
    ];
    expect(cleanWords(words, 50, expenseReader.knows).map((w) => w.text)).toEqual([
      'Datum',
      "d'échéance",
      'Rechnung',
    ]);
  });

  it.each([[[':']], [['.', ';']], [["'"]]])('drops a line of specks read as %j', (texts) => {
    const words = texts.map((t, i) => word(t, i * 100, i * 100 + 10, 50));
    expect(cleanWords(words, 50, expenseReader.knows)).toEqual([]);
  });

  it('keeps punctuation beside real words (a French colon, a dash)', () => {
    const words = [word('Total', 0, 100, 50), word('HT', 120, 160, 50), word(':', 180, 190, 50)];
    expect(cleanWords(words, 50, expenseReader.knows).map((w) => w.text)).toEqual(['Total', 'HT', ':']);
  });
});

describe('cleanWords on dates and amounts', () => {
  it.each([
    ['10/03/2024.', '10/03/2024'],
    ['1.234,56,', '1.234,56'],
    ['27.11.2025:', '27.11.2025'],
    ['e.K.', 'e.K.'],
    ['No.', 'No.'],
    ['12.', '12.'],
  ])('reads %s as %s', (text, expected) => {
    expect(cleanWords([word(text, 0, 100, 50)], 50, expenseReader.knows).map((w) => w.text)).toEqual([
      expected,
    ]);
  });
});
