import { inputOf, type ScalarInput } from './fields.ts';
import { resolve, rowsOf } from './path.ts';
import type { ColumnField, FormValues, HumanStepForm, RowValues, ScalarField } from './types.ts';

/** A form's inputs by name, as posted or pre-filled: `f.payout`, `f.payout.currency`, `f.segments.0.text`. */
export type FormInputs = Readonly<Record<string, string>>;

/** One editable input of a form: a scalar field, or an editable column of one row. */
export interface Slot {
  readonly name: string;
  readonly field: ScalarField;
  /** The field's id; for a column, the rows field's id. */
  readonly fieldId: string;
  /** For a column: the row's index and its object from the form's data. */
  readonly row?: { readonly index: number; readonly data: Readonly<Record<string, unknown>> };
}

export const inputName = (fieldId: string, row?: number, column?: string): string =>
  row === undefined ? `f.${fieldId}` : `f.${fieldId}.${row}.${column}`;
export const currencyName = (name: string): string => `${name}.currency`;

/** Every editable input of a form, in the form's order (rows from the form's data, read-only columns left out). */
export function slotsOf(form: HumanStepForm): Slot[] {
  return form.fields.flatMap((field): Slot[] => {
    if (field.type !== 'rows') return [{ name: inputName(field.id), field, fieldId: field.id }];
    return rowsOf(form.data, field.from).flatMap((data, index) =>
      field.columns
        .filter((c: ColumnField) => !c.readOnly)
        .map((column) => ({
          name: inputName(field.id, index, column.id),
          field: column,
          fieldId: field.id,
          row: { index, data },
        })),
    );
  });
}

const withInput = (inputs: Record<string, string>, name: string, input: ScalarInput) => {
  inputs[name] = input.text;
  if (input.currency !== undefined) inputs[currencyName(name)] = input.currency;
};

/** What the page shows before anyone typed: each field's default, each column's value from its row. */
export function defaultInputs(form: HumanStepForm): FormInputs {
  const inputs: Record<string, string> = {};
  for (const slot of slotsOf(form)) {
    const declared = slot.row ? undefined : slot.field.default;
    const value = slot.row
      ? slot.row.data[slot.field.id]
      : declared && 'from' in declared
        ? resolve(form.data, declared.from)
        : declared?.value;
    withInput(inputs, slot.name, inputOf(value));
  }
  return inputs;
}

/** The posted inputs that belong to the form, and nothing else (kept as typed, to show them again). */
export function postedInputs(form: HumanStepForm, posted: FormInputs): FormInputs {
  const inputs: Record<string, string> = {};
  for (const { name, field } of slotsOf(form)) {
    inputs[name] = (posted[name] ?? '').slice(0, 20_000);
    const currency = posted[currencyName(name)];
    if (field.type === 'amount' && currency !== undefined) inputs[currencyName(name)] = currency.slice(0, 3);
  }
  return inputs;
}

/** Validated values as inputs again: what the confirmation carries in hidden fields, re-validated when posted. */
export function valueInputs(form: HumanStepForm, values: FormValues): FormInputs {
  const inputs: Record<string, string> = {};
  for (const slot of slotsOf(form)) {
    const value = values[slot.fieldId];
    const own = slot.row
      ? (value as readonly RowValues[] | undefined)?.[slot.row.index]?.[slot.field.id]
      : value;
    const input = inputOf(own);
    if (input.text !== '') withInput(inputs, slot.name, input);
  }
  return inputs;
}
