import { escapeHtml as attr, htmlText as text } from '../../shared/html.ts';
import { formatAmount } from '../format.ts';
import type { FormInputs } from './inputs.ts';
import type { FormValues, HumanStepForm, ScalarField, ScalarValue } from './types.ts';

/** A value as the confirmation shows it: amounts formatted one way (`EUR 1,200.00`), options by their label. */
function shown(field: ScalarField | undefined, value: ScalarValue): string {
  if (typeof value === 'object') return formatAmount(value.value, value.currency);
  if (field?.type === 'choice') return field.options.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

/** What the person is about to hand back, read-only, on the confirmation page. */
export function valuesSummary(form: HumanStepForm, values: FormValues): string {
  const items = form.fields.flatMap((field) => {
    const value = values[field.id];
    if (value === undefined) return [];
    if (field.type !== 'rows')
      return [`<dt>${text(field.label)}</dt><dd>${text(shown(field, value as ScalarValue))}</dd>`];
    const rows = value as readonly Readonly<Record<string, ScalarValue>>[];
    return rows.map((row, i) => {
      const cells = field.columns.flatMap((c) => {
        const cell = row[c.id];
        return cell === undefined ? [] : [`${c.label}: ${shown(c, cell)}`];
      });
      return `<dt>${text(`${field.label} ${i + 1}`)}</dt><dd>${text(cells.join(' · ') || '—')}</dd>`;
    });
  });
  return items.length > 0
    ? `<section class="card"><b>What you hand back</b><dl>${items.join('')}</dl></section>`
    : '';
}

/** The confirmed values as hidden inputs: stateless, so re-validated (and checked against the nonce) when posted. */
export function hiddenInputs(inputs: FormInputs): string {
  return Object.entries(inputs)
    .map(([name, value]) => `<input type="hidden" name="${attr(name)}" value="${attr(value)}">`)
    .join('');
}
