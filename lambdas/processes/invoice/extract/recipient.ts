import { labelField, labelTokens, leadingLabel, leadsWithCustomerNumber } from './labels.ts';
import { blocksOf, height, type TextLine } from './text-blocks.ts';

/**
 * The customer's lines on a page: the block under or beside a recipient label (`Bill to`,
 * `Rechnungsadresse`, `Afleveradres`, `Facturé à`, `Ship to`), a line led by one (`Bill to: Müller
 * GmbH`), and the block that holds the customer's number or sits right against it (`Kundennummer
 * 10234`). A name among them is the customer's, never the issuer's, however it is printed.
 */
export function recipientLines(lines: readonly TextLine[]): Set<number> {
  const blocks = blocksOf(lines);
  const found = new Set<number>();
  // A block from the given line down: a label above an address never claims the lines over it.
  const claim = (i: number) => {
    const top = lines[i]?.top ?? 0;
    for (const j of blocks[i] ?? [i]) if ((lines[j]?.top ?? 0) >= top - 1e-9) found.add(j);
  };
  for (const [i, line] of lines.entries()) {
    const text = line.text.trim();
    if (labelField(text)?.field === 'receiver') {
      claim(i);
      for (const j of [under(lines, i), beside(lines, i)]) if (j !== null) claim(j);
    } else if (ledByRecipientLabel(text)) claim(i);
    else if (leadsWithCustomerNumber(text)) {
      // Over the window or under its address: the number's own block and the one it touches are the customer's.
      const whole = (j: number | null) => {
        for (const k of j === null ? [] : (blocks[j] ?? [j])) found.add(k);
      };
      whole(i);
      whole(under(lines, i));
      whole(over(lines, i));
    }
  }
  return found;
}

/** `Bill to: Müller GmbH`, `Facturé à Dupont SARL`: a recipient label and the name after it. */
function ledByRecipientLabel(text: string): boolean {
  const tokens = labelTokens(text.split(/\s+/u)).map((t) => t.text);
  const lead = leadingLabel(tokens, (field) => field === 'receiver');
  return (
    lead !== null && lead.tokens < tokens.length && /\p{L}{2}/u.test(tokens.slice(lead.tokens).join(' '))
  );
}

/** The nearest line right under line i, overlapping it or aligned with it, within two of its heights. */
function under(lines: readonly TextLine[], i: number): number | null {
  const line = lines[i];
  if (line === undefined) return null;
  const h = height(line);
  return nearest(lines, i, (other) => {
    const gap = other.top - line.bottom;
    return gap >= -0.3 * h && gap <= 2 * Math.max(h, height(other)) && overlapsOrAligned(line, other, h)
      ? gap
      : null;
  });
}

/** The nearest line right over line i, overlapping it or aligned with it, within two of its heights. */
function over(lines: readonly TextLine[], i: number): number | null {
  const line = lines[i];
  if (line === undefined) return null;
  const h = height(line);
  return nearest(lines, i, (other) => {
    const gap = line.top - other.bottom;
    return gap >= -0.3 * h && gap <= 2 * Math.max(h, height(other)) && overlapsOrAligned(line, other, h)
      ? gap
      : null;
  });
}

/** The nearest line to the right of line i on its baseline. */
function beside(lines: readonly TextLine[], i: number): number | null {
  const line = lines[i];
  if (line === undefined) return null;
  const h = height(line);
  return nearest(lines, i, (other) => {
    const sameRow = Math.abs((other.top + other.bottom) / 2 - (line.top + line.bottom) / 2) <= 0.5 * h;
    return sameRow && other.left >= line.right - 0.5 * h ? other.left - line.right : null;
  });
}

function nearest(
  lines: readonly TextLine[],
  i: number,
  distance: (other: TextLine) => number | null,
): number | null {
  let best: { index: number; distance: number } | null = null;
  for (const [j, other] of lines.entries()) {
    if (j === i) continue;
    const d = distance(other);
    if (d !== null && (best === null || d < best.distance)) best = { index: j, distance: d };
  }
  return best?.index ?? null;
}

function overlapsOrAligned(a: TextLine, b: TextLine, h: number): boolean {
  return Math.min(a.right, b.right) > Math.max(a.left, b.left) || Math.abs(a.left - b.left) <= 2 * h;
}
