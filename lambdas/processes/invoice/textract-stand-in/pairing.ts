import { horizontalOverlap, type PageSize } from '../../../../local/emulators/textract/geometry.ts';
import { below, type Line, sameBaseline } from '../../../../local/emulators/textract/text-layout.ts';

/**
 * Where a label's value may be when the label is a LINE of its own: the nearest LINE to its right
 * on the same baseline, or the LINE right under it. Each candidate carries a confidence factor from
 * its placement: close beside the label is surest, a value under the label and aligned with it
 * next, a value far to the right (a totals column) or only overlapping below less so.
 */

export interface Candidate {
  readonly line: Line;
  readonly placement: 'right' | 'far-right' | 'below' | 'below-overlap';
  /** 0–1, multiplied into the value's read confidence. */
  readonly factor: number;
}

/** Beyond this share of the page's width, a value on the label's baseline is "far" (a totals column). */
const farRight = 0.25;
const placementFactors: Readonly<Record<Candidate['placement'], number>> = {
  right: 0.99,
  below: 0.97,
  'far-right': 0.96,
  'below-overlap': 0.94,
};

export function valueCandidates(label: Line, free: readonly Line[], page: PageSize): Candidate[] {
  const candidates: Candidate[] = [];
  const right = free
    .filter(
      (l) => l !== label && l.box.left >= label.box.right - 0.5 * label.fontSize && sameBaseline(label, l),
    )
    .sort((a, b) => a.box.left - b.box.left)[0];
  if (right !== undefined) {
    const placement = (right.box.left - label.box.right) / page.width > farRight ? 'far-right' : 'right';
    candidates.push({ line: right, placement, factor: placementFactors[placement] });
  }
  const under = below(label, free)[0];
  if (under !== undefined) {
    const size = Math.max(label.fontSize, under.fontSize);
    const aligned =
      Math.abs(under.box.left - label.box.left) <= size ||
      Math.abs(under.box.right - label.box.right) <= size;
    const placement = aligned ? 'below' : 'below-overlap';
    if (aligned || horizontalOverlap(under.box, label.box) > 0)
      candidates.push({ line: under, placement, factor: placementFactors[placement] });
  }
  return candidates;
}
