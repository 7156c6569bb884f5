import { defaultInputs, type FormInputs, postedInputs, valueInputs } from '../form/inputs.ts';
import { valuesHash } from '../form/outcome.ts';
import { formHtml } from '../form/render.ts';
import { hiddenInputs, valuesSummary } from '../form/summary.ts';
import type { FormValues } from '../form/types.ts';
import { validateForm } from '../form/validate.ts';
import type { ApprovalRecord } from '../record.ts';
import type { HumanStepChoice } from '../request.ts';

/** What a person typed and why it was refused: shown again, so nothing is lost. */
export interface Kept {
  readonly inputs: FormInputs;
  readonly errors: Readonly<Record<string, string>>;
}

/** A page's form inputs for a choice: the values (none without a form), or what to show again. */
export type Submitted =
  | { readonly ok: true; readonly values?: FormValues }
  | { readonly ok: false; readonly kept: Kept };

type Task = Pick<ApprovalRecord, 'request' | 'choices'>;

/** Validates the posted inputs for the clicked choice (on choose, and again on confirm from the hidden fields). */
export function submitForm(record: Task, choice: HumanStepChoice, posted: FormInputs): Submitted {
  const form = record.request.form;
  if (!form) return { ok: true };
  const inputs = postedInputs(form, posted);
  const checked = validateForm(form, choice, inputs);
  return checked.ok
    ? { ok: true, values: checked.values }
    : { ok: false, kept: { inputs, errors: checked.errors } };
}

/** The choose page's fields: the defaults, or what the person typed with why it was refused. */
export function chooseFields(record: Task, kept?: Kept): string {
  const form = record.request.form;
  if (!form) return '';
  return formHtml({
    form,
    inputs: kept?.inputs ?? defaultInputs(form),
    errors: kept?.errors ?? {},
    choices: record.choices,
  });
}

/** The confirmation's part: what is handed back, read-only, and the same values as hidden fields with their hash. */
export function confirmFields(
  record: Task,
  values: FormValues | undefined,
): { summary: string; hidden: string } {
  const form = record.request.form;
  if (!form || values === undefined) return { summary: '', hidden: '' };
  const hidden = hiddenInputs({ ...valueInputs(form, values), formHash: valuesHash(values) });
  return { summary: valuesSummary(form, values), hidden };
}

/** What a confirmation nonce binds: the choice, and with a form the hash of the values confirmed. */
export const boundChoice = (choiceId: string, values: FormValues | undefined): string =>
  values === undefined ? choiceId : `${choiceId}|${valuesHash(values)}`;

/** The binding a posted confirmation claims (its hidden hash), to tell a swapped value from an expired page. */
export const claimedBinding = (record: Task, choiceId: string, posted: FormInputs): string =>
  record.request.form ? `${choiceId}|${posted.formHash ?? ''}` : choiceId;
