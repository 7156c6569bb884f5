import type { HumanStepChoice } from '../request.ts';
import { checkScalar } from './fields.ts';
import { currencyName, type FormInputs, slotsOf } from './inputs.ts';
import type { FieldValue, FormValues, HumanStepForm, RowValues, ScalarValue } from './types.ts';

/** A submission: the values when every input passed, else why each failing input (by name) was refused. */
export type Submission =
  | { readonly ok: true; readonly values: FormValues }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** Why an empty input is refused for this choice, or undefined when it may stay empty. */
function requiredWhy(
  form: HumanStepForm,
  fieldId: string,
  own: boolean | undefined,
  choice: HumanStepChoice,
) {
  if (own) return 'This is required.';
  return form.requires?.[choice.id]?.includes(fieldId)
    ? `This is required to ${choice.label.toLowerCase()}.`
    : undefined;
}

/**
 * Validates a person's inputs for the choice they clicked, on the server: each field's type and bounds,
 * what the choice requires. Values hold only the form's editable fields (read-only columns come from
 * the process, never from the post), in the form's order.
 */
export function validateForm(form: HumanStepForm, choice: HumanStepChoice, inputs: FormInputs): Submission {
  const errors: Record<string, string> = {};
  const values: Record<string, FieldValue> = {};
  const rows: Record<string, Record<string, ScalarValue>[]> = {};
  for (const field of form.fields) if (field.type === 'rows') rows[field.id] = [];
  for (const slot of slotsOf(form)) {
    const byChoice = requiredWhy(form, slot.fieldId, slot.field.required, choice);
    const checked = checkScalar(
      slot.field,
      { text: inputs[slot.name] ?? '', currency: inputs[currencyName(slot.name)] },
      byChoice,
    );
    if (!checked.ok) {
      errors[slot.name] = checked.error;
      continue;
    }
    if (!slot.row) {
      if (checked.value !== undefined) values[slot.fieldId] = checked.value;
      continue;
    }
    const list = rows[slot.fieldId] ?? [];
    const row = list[slot.row.index] ?? {};
    list[slot.row.index] = row;
    if (checked.value !== undefined) row[slot.field.id] = checked.value;
  }
  for (const [id, list] of Object.entries(rows)) values[id] = Array.from(list, (r): RowValues => r ?? {});
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Keys in the form's order, so equal values serialise (and hash) alike.
  const ordered: Record<string, FieldValue> = {};
  for (const f of form.fields) {
    const value = values[f.id];
    if (value !== undefined) ordered[f.id] = value;
  }
  return { ok: true, values: ordered };
}
