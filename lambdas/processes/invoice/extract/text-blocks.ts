/**
 * A page's lines grouped into blocks: lines stacked close under one another and aligned left or
 * right (an address, the issuer's letterhead, the customer's window), as a reader sees them.
 */

/** A line of text with its box, in any unit as long as all lines use the same (y grows downwards). */
export interface TextLine {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  /** How sure the reader is of the text (0–100). @default 99 */
  readonly confidence?: number;
}

/** For each line, the lines of its block: stacked close under one another, aligned left or right. */
export function blocksOf(lines: readonly TextLine[]): (readonly number[])[] {
  const order = lines.map((_, i) => i).sort((a, b) => (lines[a]?.top ?? 0) - (lines[b]?.top ?? 0));
  const blockOf: number[][] = [];
  const open: number[][] = [];
  for (const i of order) {
    const line = lines[i];
    if (line === undefined) continue;
    const h = height(line);
    const block = open.find((b) => {
      const last = lines[b.at(-1) ?? -1];
      if (last === undefined) return false;
      const gap = line.top - last.bottom;
      const aligned =
        Math.abs(line.left - last.left) <= 1.5 * h || Math.abs(line.right - last.right) <= 1.5 * h;
      return gap >= -0.3 * h && gap <= 1.2 * Math.max(h, height(last)) && aligned;
    });
    if (block === undefined) {
      const created = [i];
      open.push(created);
      blockOf[i] = created;
    } else {
      block.push(i);
      blockOf[i] = block;
    }
  }
  return lines.map((_, i) => blockOf[i] ?? [i]);
}

export function height(line: TextLine): number {
  return Math.max(1e-9, line.bottom - line.top);
}
