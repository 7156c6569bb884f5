import { describe, expect, it } from 'vitest';
import { detectLineItems } from '../../../../../lambdas/processes/invoice/textract-stand-in/line-items.ts';
import type { DetectedLineItem } from '../../../../../local/emulators/textract/detected.ts';
import { linesFrom, run, runRight } from '../../../local/emulators/textract/runs.ts';

/** Each item as type → value text, and its columns' header texts. */
const values = (items: readonly DetectedLineItem[]) =>
  items.map((item) => Object.fromEntries(item.fields.map((f) => [f.type, f.value.text])));

const header = (labels: [string, string, string, string], baseline = 300) => [
  run(labels[0], 50, baseline, 9),
  runRight(labels[1], 350, baseline, 9),
  runRight(labels[2], 450, baseline, 9),
  runRight(labels[3], 545, baseline, 9),
];

const row = (cells: [string, string, string, string], baseline: number) => [
  run(cells[0], 50, baseline),
  runRight(cells[1], 350, baseline),
  runRight(cells[2], 450, baseline),
  runRight(cells[3], 545, baseline),
];

describe('detectLineItems', () => {
  it.each([
    [['Description', 'Qty', 'Unit price', 'Amount']],
    [['Bezeichnung', 'Anzahl', 'Preis', 'Gesamt']],
    [['Désignation', 'Quantité', 'Prix unitaire', 'Montant']],
  ] as [[string, string, string, string]][])('reads the rows under a %j header', (labels) => {
    // Prepare
    const lines = linesFrom([
      ...header(labels),
      ...row(['Consulting', '3', '100.00', '300.00'], 322),
      ...row(['Chairs', '2', '50.50', '101.00'], 338),
      run('Subtotal:', 330, 368),
      runRight('401.00', 545, 368),
    ]);

    // Act
    const table = detectLineItems(lines);

    // Assess
    expect(values(table.lineItems)).toEqual([
      {
        ITEM: 'Consulting',
        QUANTITY: '3',
        UNIT_PRICE: '100.00',
        PRICE: '300.00',
        EXPENSE_ROW: 'Consulting 3 100.00 300.00',
      },
      {
        ITEM: 'Chairs',
        QUANTITY: '2',
        UNIT_PRICE: '50.50',
        PRICE: '101.00',
        EXPENSE_ROW: 'Chairs 2 50.50 101.00',
      },
    ]);
    expect(table.lineItems[0]?.fields.find((f) => f.type === 'UNIT_PRICE')?.label?.text).toBe(labels[2]);
    expect([...table.lines].map((l) => l.text)).not.toContain('Subtotal:');
  });

  it('joins a wrapped description to its item and leaves a missing cell out', () => {
    // Prepare
    const lines = linesFrom([
      ...header(['Item', 'Qty', 'Rate', 'Total']),
      run('Annual subscription', 50, 322),
      runRight('1,200.00', 450, 322),
      runRight('1,200.00', 545, 322),
      run('Premier version with plugins', 50, 334),
      ...row(['Training', '4', '95.00', '380.00'], 350),
    ]);

    // Act
    const items = values(detectLineItems(lines).lineItems);

    // Assess
    expect(items[0]).toEqual({
      ITEM: 'Annual subscription\nPremier version with plugins',
      UNIT_PRICE: '1,200.00',
      PRICE: '1,200.00',
      EXPENSE_ROW: 'Annual subscription 1,200.00 1,200.00\nPremier version with plugins',
    });
    expect(items[1]?.ITEM).toBe('Training');
  });

  it('ends the table at a wide vertical gap', () => {
    // Prepare
    const lines = linesFrom([
      ...header(['Description', 'Qty', 'Unit price', 'Amount']),
      ...row(['Consulting', '3', '100.00', '300.00'], 322),
      run('Thank you for your business.', 50, 600),
    ]);

    // Act / Assess
    expect(detectLineItems(lines).lineItems).toHaveLength(1);
  });

  it('finds no table without a header row', () => {
    // Prepare
    const lines = linesFrom([run('Description of services', 50, 100), run('Amount due', 300, 100)]);

    // Act
    const table = detectLineItems(lines);

    // Assess
    expect([table.lineItems, table.lines.size]).toEqual([[], 0]);
  });
});
