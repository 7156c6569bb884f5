import { describe, expect, it } from 'vitest';
import { rowsOf, wordsOf } from '../../../../../local/emulators/textract/text-layout.ts';
import { linesFrom, run } from './runs.ts';

describe('wordsOf', () => {
  it('splits a run at whitespace, each word inside the run and in order', () => {
    // Prepare
    const source = run('1 234,56 €', 100, 50);

    // Act
    const words = wordsOf([source]);

    // Assess
    expect(words.map((w) => w.text)).toEqual(['1', '234,56', '€']);
    for (const [a, b] of [
      [words[0], words[1]],
      [words[1], words[2]],
    ]) {
      expect(a?.box.right).toBeLessThan(b?.box.left ?? 0);
    }
    expect(words[0]?.box.left).toBeCloseTo(100);
    expect(words[2]?.box.right).toBeCloseTo(100 + 10 * 5);
  });

  it('drops whitespace-only runs', () => {
    // Act / Assess
    expect(wordsOf([run('   ', 10, 10)])).toEqual([]);
  });
});

describe('linesOf', () => {
  it('keeps words close together on one LINE and breaks at a wide gap', () => {
    // Prepare: a label at x 50, its value 60 pt to the right.
    const runs = [run('Invoice number:', 50, 100), run('INV-1', 200, 100)];

    // Act
    const lines = linesFrom(runs);

    // Assess
    expect(lines.map((l) => l.text)).toEqual(['Invoice number:', 'INV-1']);
  });

  it('joins runs drawn separately when the gap is a space', () => {
    // Prepare
    const runs = [run('Total', 50, 100), run('due:', 78, 100)];

    // Act / Assess
    expect(linesFrom(runs).map((l) => l.text)).toEqual(['Total due:']);
  });

  it('orders LINEs top to bottom, then left to right, and tolerates a slightly shifted baseline', () => {
    // Prepare
    const runs = [run('second', 50, 120), run('right', 300, 100.8, 12), run('left', 50, 100)];

    // Act
    const lines = linesFrom(runs);

    // Assess
    expect(lines.map((l) => l.text)).toEqual(['left', 'right', 'second']);
    expect(rowsOf(lines).map((row) => row.map((l) => l.text))).toEqual([['left', 'right'], ['second']]);
  });

  it('gives a LINE the box around its words and the largest font size', () => {
    // Prepare
    const runs = [run('Big', 50, 100, 18), run('small', 85, 100, 9)];

    // Act
    const [line] = linesFrom(runs);

    // Assess
    expect(line?.text).toBe('Big small');
    expect(line?.fontSize).toBe(18);
    expect(line?.box.left).toBeCloseTo(50);
    expect(line?.box.right).toBeCloseTo(85 + 5 * 4.5);
  });
});
