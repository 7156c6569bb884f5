import { escapeHtml as attr, escapeText, htmlText as text } from '../../shared/html.ts';
import type { HumanStepChoice } from '../request.ts';
import { currencyName, type FormInputs, inputName, type Slot, slotsOf } from './inputs.ts';
import { rowsOf } from './path.ts';
import type { ColumnField, HumanStepForm, RowsField } from './types.ts';

/** What a form shows: the inputs (defaults, or what the person typed) and why each refused one was. */
export interface FormView {
  readonly form: HumanStepForm;
  readonly inputs: FormInputs;
  readonly errors: Readonly<Record<string, string>>;
  readonly choices: readonly HumanStepChoice[];
}

/** An input's element id: its name with dots as dashes (ids are letters, digits and dashes). */
export const elementId = (name: string): string => name.replaceAll('.', '-');

/** The choices that need a field, worded for its hint: `Needed to approve with payout.` */
function neededFor(view: FormView, fieldId: string): string | undefined {
  const labels = view.choices
    .filter((c) => view.form.requires?.[c.id]?.includes(fieldId))
    .map((c) => c.label.toLowerCase());
  return labels.length > 0 ? `Needed to ${labels.join(' or ')}.` : undefined;
}

function control(slot: Slot, view: FormView, described: string): string {
  const { field, name } = slot;
  const id = elementId(name);
  const value = view.inputs[name] ?? '';
  const common = `id="${attr(id)}" name="${attr(name)}"${described}${view.errors[name] ? ' aria-invalid="true"' : ''}${field.required ? ' aria-required="true"' : ''}`;
  switch (field.type) {
    case 'multiline':
      return `<textarea ${common} rows="4">${attr(value)}</textarea>`;
    case 'choice':
      return `<select ${common}><option value="">Choose…</option>${field.options
        .map(
          (o) =>
            `<option value="${attr(o.value)}"${o.value === value ? ' selected' : ''}>${escapeText(o.label)}</option>`,
        )
        .join('')}</select>`;
    case 'date':
      return `<input ${common} type="date" value="${attr(value)}"${field.min ? ` min="${attr(field.min)}"` : ''}${field.max ? ` max="${attr(field.max)}"` : ''}>`;
    case 'amount': {
      const chosen = view.inputs[currencyName(name)] ?? field.currencies[0];
      const options = field.currencies
        .map((c) => `<option${c === chosen ? ' selected' : ''}>${attr(c)}</option>`)
        .join('');
      return `<span class="amount"><input ${common} type="text" inputmode="decimal" autocomplete="off" value="${attr(value)}"><select name="${attr(currencyName(name))}" aria-label="Currency of ${escapeText(field.label)}">${options}</select></span>`;
    }
    case 'number':
      return `<input ${common} type="text" inputmode="decimal" autocomplete="off" value="${attr(value)}">`;
    case 'text':
      return `<input ${common} type="text" autocomplete="off" value="${attr(value)}">`;
  }
}

/** One labelled input with its hint and its error, both tied to it by aria-describedby. */
function fieldHtml(slot: Slot, view: FormView, hint?: string): string {
  const id = elementId(slot.name);
  const error = view.errors[slot.name];
  const hints = [slot.field.help, hint].filter((h): h is string => h !== undefined);
  const described = [hints.length > 0 ? `h-${id}` : '', error ? `e-${id}` : ''].filter(Boolean).join(' ');
  return `<div class="field${error ? ' invalid' : ''}"><label for="${attr(id)}">${text(slot.field.label)}${slot.field.required ? ' (required)' : ''}</label>${
    hints.length > 0 ? `<p class="hint" id="h-${attr(id)}">${hints.map(text).join(' ')}</p>` : ''
  }${error ? `<p class="field-error" id="e-${attr(id)}">${text(error)}</p>` : ''}${control(slot, view, described ? ` aria-describedby="${attr(described)}"` : '')}</div>`;
}

/** A list of rows as one fieldset per row (readable on a phone): the read-only columns, then the inputs. */
function rowsHtml(field: RowsField, slots: readonly Slot[], view: FormView): string {
  const rows = rowsOf(view.form.data, field.from);
  const shown = (column: ColumnField, value: unknown) =>
    `<dt>${text(column.label)}</dt><dd>${text(typeof value === 'string' || typeof value === 'number' ? String(value) : '—')}</dd>`;
  const body = rows
    .map((data, index) => {
      const fixed = field.columns.filter((c) => c.readOnly).map((c) => shown(c, data[c.id]));
      const inputs = slots.filter((s) => s.row?.index === index).map((s) => fieldHtml(s, view));
      return `<fieldset class="row"><legend>${text(field.label)} ${index + 1} of ${rows.length}</legend>${
        fixed.length > 0 ? `<dl>${fixed.join('')}</dl>` : ''
      }${inputs.join('')}</fieldset>`;
    })
    .join('');
  const hint = [field.help, neededFor(view, field.id)].filter((h): h is string => h !== undefined);
  return `<section class="rows"><h2>${text(field.label)}</h2>${hint.length > 0 ? `<p class="hint">${hints(hint)}</p>` : ''}${body || '<p class="note">No rows.</p>'}</section>`;
}

const hints = (list: readonly string[]) => list.map(text).join(' ');

/** A summary of the refused inputs at the top, each a link to its input (no script needed). */
function errorSummary(view: FormView): string {
  const refused = slotsOf(view.form).filter((s) => view.errors[s.name]);
  if (refused.length === 0) return '';
  const items = refused
    .map((s) => {
      const where = s.row ? ` (row ${s.row.index + 1})` : '';
      return `<li><a href="#${attr(elementId(s.name))}">${text(`${s.field.label}${where}: ${view.errors[s.name]}`)}</a></li>`;
    })
    .join('');
  return `<div class="msg" role="alert"><b>Nothing was decided: please correct ${refused.length === 1 ? 'this field' : `these ${refused.length} fields`}.</b><ul>${items}</ul></div>`;
}

/** The form's fields, to stand inside the choose page's form, before its buttons. */
export function formHtml(view: FormView): string {
  const slots = slotsOf(view.form);
  const parts = view.form.fields.map((field) => {
    if (field.type === 'rows')
      return rowsHtml(
        field,
        slots.filter((s) => s.fieldId === field.id && s.row),
        view,
      );
    const slot = slots.find((s) => s.name === inputName(field.id));
    return slot ? fieldHtml(slot, view, neededFor(view, field.id)) : '';
  });
  return `${errorSummary(view)}<div class="form-fields">${parts.join('')}</div>`;
}
