import { isCalendarDate } from './fields.ts';
import { isReference, resolve } from './path.ts';
import type { HumanStepForm } from './types.ts';

/** Declarations are checked once, where they enter (parseHumanStepRequest, defineForm); each problem names the field. */

const idPattern = /^[a-z][a-zA-Z0-9]{0,39}$/;
const decimalPattern = /^-?\d{1,15}(\.\d{1,2})?$/;
const currencyPattern = /^[A-Z]{3}$/;
const scalarTypes = ['text', 'multiline', 'number', 'amount', 'date', 'choice'];
const maxFields = 30;
const maxColumns = 8;

type Raw = Readonly<Record<string, unknown>>;
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const count = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with the bounds and options of one typed field. */
function typeProblems(f: Raw, at: string): string[] {
  const problems: string[] = [];
  const bound = (name: string, ok: (v: unknown) => boolean, what: string) => {
    if (f[name] !== undefined && !ok(f[name])) problems.push(`${at}.${name} must be ${what}`);
  };
  if (f.type === 'text' || f.type === 'multiline') {
    bound('minLength', count, 'a whole number from 0');
    bound(
      'maxLength',
      (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10000,
      '1 to 10000',
    );
    bound(
      'pattern',
      (v) => typeof v === 'string' && v.length <= 200 && compiles(v),
      'a valid regular expression',
    );
    if (f.type === 'multiline' && f.pattern !== undefined) problems.push(`${at}.pattern is for text fields`);
  }
  if (f.type === 'number') {
    for (const name of ['min', 'max']) bound(name, Number.isFinite, 'a number');
    bound('integer', (v) => typeof v === 'boolean', 'true or false');
  }
  if (f.type === 'amount') {
    const list = f.currencies;
    if (!Array.isArray(list) || list.length === 0 || !list.every((c) => currencyPattern.test(String(c))))
      problems.push(`${at}.currencies must list ISO 4217 codes (EUR)`);
    for (const name of ['min', 'max'])
      bound(name, (v) => typeof v === 'string' && decimalPattern.test(v), 'a decimal string (1200.00)');
  }
  if (f.type === 'date')
    for (const name of ['min', 'max'])
      bound(name, (v) => typeof v === 'string' && isCalendarDate(v), 'a date (YYYY-MM-DD)');
  if (f.type === 'choice') {
    const options = f.options;
    const values = Array.isArray(options) ? options.map((o) => (o as Raw)?.value) : [];
    if (
      !Array.isArray(options) ||
      options.length === 0 ||
      options.length > 50 ||
      !options.every((o) => text((o as Raw)?.value, 100) && text((o as Raw)?.label, 100)) ||
      new Set(values).size !== values.length
    )
      problems.push(`${at}.options must list 1 to 50 options, each a unique value with a label`);
  }
  const [low, high] = [f.min, f.max];
  if (
    typeof low === typeof high &&
    low !== undefined &&
    f.type !== 'amount' &&
    (low as number) > (high as number)
  )
    problems.push(`${at}.min must not be above its max`);
  return problems;
}

function defaultProblems(f: Raw, at: string, data: unknown): string[] {
  const d = f.default as Raw | undefined;
  if (d === undefined) return [];
  if (d === null || typeof d !== 'object') return [`${at}.default must be { value } or { from }`];
  if ('from' in d) {
    if (!isReference(d.from)) return [`${at}.default.from must be a reference such as $.claim.amount`];
    if (data !== undefined && resolve(data, d.from) === undefined)
      return [`${at}.default.from names nothing in the form's data`];
    return [];
  }
  return typeof d.value === 'string' || typeof d.value === 'number'
    ? []
    : [`${at}.default.value must be text or a number`];
}

function fieldProblems(field: unknown, at: string, data: unknown, inRow: boolean): string[] {
  const f = (field ?? {}) as Raw;
  const problems: string[] = [];
  if (typeof f.id !== 'string' || !idPattern.test(f.id))
    problems.push(`${at}.id must be letters and digits starting with a lowercase letter`);
  const name = typeof f.id === 'string' ? ` (${f.id})` : '';
  if (!text(f.label, 100)) problems.push(`${at}${name}.label must be text of at most 100 characters`);
  if (f.help !== undefined && !text(f.help, 300))
    problems.push(`${at}${name}.help must be text of at most 300`);
  if (f.required !== undefined && typeof f.required !== 'boolean')
    problems.push(`${at}${name}.required must be true or false`);
  if (inRow && f.readOnly !== undefined && typeof f.readOnly !== 'boolean')
    problems.push(`${at}${name}.readOnly must be true or false`);
  if (f.type === 'rows' && !inRow) return [...problems, ...rowsProblems(f, `${at}${name}`, data)];
  if (!scalarTypes.includes(f.type as string))
    return [
      ...problems,
      `${at}${name}.type must be one of ${scalarTypes.join(', ')}${inRow ? '' : ', rows'}`,
    ];
  return [
    ...problems,
    ...typeProblems(f, `${at}${name}`),
    ...(inRow ? [] : defaultProblems(f, `${at}${name}`, data)),
  ];
}

function rowsProblems(f: Raw, at: string, data: unknown): string[] {
  const problems: string[] = [];
  if (!isReference(f.from)) problems.push(`${at}.from must be a reference to a list in the form's data`);
  else if (!Array.isArray(resolve(data, f.from)) || (resolve(data, f.from) as unknown[]).length > 200)
    problems.push(`${at}.from must name a list of at most 200 rows in the form's data`);
  const columns = Array.isArray(f.columns) ? f.columns : [];
  if (columns.length === 0 || columns.length > maxColumns)
    problems.push(`${at}.columns must list 1 to ${maxColumns} columns`);
  for (const [i, column] of columns.entries()) {
    problems.push(...fieldProblems(column, `${at}.columns.${i}`, data, true));
    if ((column as Raw)?.default !== undefined)
      problems.push(`${at}.columns.${i}.default: a column starts from its row`);
  }
  problems.push(...duplicates(columns, `${at}.columns`));
  return problems;
}

const duplicates = (fields: readonly unknown[], at: string): string[] => {
  const ids = fields.map((f) => (f as Raw)?.id);
  return ids
    .filter((id, i) => ids.indexOf(id) !== i)
    .map((id) => `${at}: the id ${String(id)} is used twice`);
};

/** Every problem with a form declaration, each naming the field; the choices are the step's (for `requires`). */
export function formProblems(raw: unknown, choiceIds: readonly string[]): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ['form must be an object'];
  const form = raw as Raw;
  const problems: string[] = [];
  const data = form.data;
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data)))
    problems.push('form.data must be an object');
  if (data !== undefined && JSON.stringify(data).length > 100_000)
    problems.push('form.data must be at most 100 kB');
  const fields = Array.isArray(form.fields) ? form.fields : [];
  if (fields.length === 0 || fields.length > maxFields)
    problems.push(`form.fields must list 1 to ${maxFields} fields`);
  for (const [i, field] of fields.entries())
    problems.push(...fieldProblems(field, `form.fields.${i}`, data, false));
  problems.push(...duplicates(fields, 'form.fields'));
  const ids = new Set(fields.map((f) => (f as Raw)?.id));
  const requires = form.requires;
  if (requires !== undefined) {
    if (requires === null || typeof requires !== 'object')
      problems.push('form.requires must map choices to field ids');
    for (const [choice, needed] of Object.entries((requires ?? {}) as Raw)) {
      if (!choiceIds.includes(choice)) problems.push(`form.requires.${choice} names no choice of the step`);
      if (!Array.isArray(needed) || !needed.every((id) => ids.has(id)))
        problems.push(`form.requires.${choice} must list field ids of the form`);
    }
  }
  return problems;
}

/**
 * A process's form, checked where it is declared (module load: build, synth and tests fail on a bad one),
 * against the choices its step offers.
 */
export function defineForm<T extends HumanStepForm>(
  form: T,
  choiceIds: readonly string[] = ['approve', 'reject'],
): T {
  const problems = formProblems(form, choiceIds);
  if (problems.length > 0) throw new Error(`The form is invalid: ${problems.join('; ')}`);
  return form;
}
