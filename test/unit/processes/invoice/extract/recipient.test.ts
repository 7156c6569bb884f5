import { describe, expect, it } from 'vitest';
import { recipientLines } from '../../../../../lambdas/processes/invoice/extract/recipient.ts';
import type { TextLine } from '../../../../../lambdas/processes/invoice/extract/text-blocks.ts';

/** A line at (left, top), `size` high, about half a size per character wide. */
function line(text: string, left: number, top: number, size = 10): TextLine {
  return { text, left, top, right: left + text.length * size * 0.5, bottom: top + size };
}

/** An issuer block on the left, then whatever the case puts on the right. */
const issuer = [
  line('Weber Bau AG', 50, 70, 10),
  line('Bahnhofstraße 100', 50, 84, 9),
  line('10115 Berlin', 50, 96, 9),
];

const texts = (lines: readonly TextLine[], found: ReadonlySet<number>) =>
  [...found].sort((a, b) => a - b).map((i) => lines[i]?.text);

describe('recipientLines', () => {
  it.each([
    ['Rechnungsadresse'],
    ['Afleveradres'],
    ['Facturé à :'],
    ['Ship to'],
    ['Adresse de facturation'],
    ['Indirizzo di consegna'],
  ])(
    'claims the block under a %j label, larger than the issuer or not, and nothing of the issuer',
    (label) => {
      // Prepare
      const lines = [
        ...issuer,
        line(label, 330, 70, 8.5),
        line('Müller Logistik GmbH', 330, 82, 13),
        line('Hafenstraße 7', 330, 98, 9),
        line('20095 Hamburg', 330, 110, 9),
      ];

      // Act
      const found = recipientLines(lines);

      // Assess
      expect(texts(lines, found)).toEqual([label, 'Müller Logistik GmbH', 'Hafenstraße 7', '20095 Hamburg']);
    },
  );

  it('claims the name beside a label on its row, and a name after a label in one line', () => {
    // Prepare
    const lines = [
      ...issuer,
      line('Facturé à :', 260, 140),
      line('Dupont Informatique SAS', 360, 140),
      line('Bill to: Contoso Holdings Ltd', 50, 200),
    ];

    // Act
    const found = recipientLines(lines);

    // Assess
    expect(texts(lines, found)).toEqual([
      'Facturé à :',
      'Dupont Informatique SAS',
      'Bill to: Contoso Holdings Ltd',
    ]);
  });

  it.each([
    ['above the window', 62],
    ['under the address', 124],
  ])('claims an unlabelled window block with the customer number %s', (_, numberTop) => {
    // Prepare
    const lines = [
      ...issuer,
      line('Kundennummer: 10234', 330, numberTop, 8.5),
      line('Müller Logistik GmbH', 330, 76, 12),
      line('Hafenstraße 7', 330, 92, 9),
      line('20095 Hamburg', 330, 104, 9),
    ];

    // Act
    const found = recipientLines(lines);

    // Assess
    expect(texts(lines, found)).toEqual([
      'Kundennummer: 10234',
      'Müller Logistik GmbH',
      'Hafenstraße 7',
      '20095 Hamburg',
    ]);
  });

  it('claims nothing on a page without a recipient label or a customer number', () => {
    // Prepare
    const lines = [...issuer, line('Müller Logistik GmbH', 330, 76, 12), line('Hafenstraße 7', 330, 92, 9)];

    // Act / Assess
    expect(recipientLines(lines).size).toBe(0);
  });

  it('never claims the lines of its block above the label', () => {
    // Prepare: the issuer's block runs straight into a `Bill to` label under it.
    const lines = [...issuer, line('Bill to', 50, 108, 9), line('Contoso Holdings Ltd', 50, 120, 10)];

    // Act
    const found = recipientLines(lines);

    // Assess
    expect(texts(lines, found)).toEqual(['Bill to', 'Contoso Holdings Ltd']);
  });
});
