import { htmlText as text } from '../../shared/html.ts';
import type { HumanStepFact } from '../request.ts';

/** How sure the reader was, to one place, cut rather than rounded so 89.96 never reads as 90: `read with confidence 83.3`. */
const confidenceText = (confidence: number) => `read with confidence ${Math.floor(confidence * 10) / 10}`;

/**
 * One fact as the page shows it: the value, then how it was got (derived, or read with a confidence),
 * and the process's note; a fact the process asks the person to check is marked.
 */
export function factRow(fact: HumanStepFact): string {
  const meta = [
    fact.derived !== undefined
      ? `derived, not read: ${fact.derived}`
      : typeof fact.confidence === 'number'
        ? confidenceText(fact.confidence)
        : undefined,
    fact.note,
  ].filter((m): m is string => m !== undefined && m !== '');
  const mark = fact.check ? '<b>Check:</b> ' : '';
  const details = meta.map((m) => `<span class="fact-meta">${text(m)}</span>`).join('');
  return `<dt>${text(fact.label)}</dt><dd${fact.check ? ' class="check"' : ''}>${mark}${text(fact.value)}${details}</dd>`;
}
