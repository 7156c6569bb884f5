/**
 * A form a human step may declare: typed fields the person fills in, validated on the server, whose
 * values reach the workflow at `$.humanTasks.<Step>.outcome.values` and the audit.
 *
 * @example
 * { fields: [
 *     { id: 'payout', type: 'amount', label: 'Payout', currencies: ['EUR'], max: '5000.00', default: { from: '$.claimed' } },
 *     { id: 'reason', type: 'multiline', label: 'Reason', maxLength: 500 } ],
 *   requires: { 'approve-payout': ['payout'], reject: ['reason'] },
 *   data: { claimed: { value: '1200.00', currency: 'EUR' } } }
 */
export interface HumanStepForm {
  readonly fields: readonly FormField[];
  /** Per choice id, the fields it needs filled in (a rows field: every editable cell), beside each field's own `required`. @default none */
  readonly requires?: Readonly<Record<string, readonly string[]>>;
  /** The process's data the defaults and rows refer to (`{ from: '$.claimed' }`). @default none */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A default: a literal, or a JSONPath-like reference into the form's `data` (`$.a.b[0].c`). */
export type FieldDefault = { readonly value: string | number } | { readonly from: string };

interface FieldBase {
  /** Stable id: the key in `values`. Letters and digits, starting with a letter. */
  readonly id: string;
  readonly label: string;
  /** A hint shown under the label. @default none */
  readonly help?: string;
  /** Needed whatever the choice. @default false */
  readonly required?: boolean;
  readonly default?: FieldDefault;
}

export interface TextField extends FieldBase {
  readonly type: 'text';
  readonly minLength?: number;
  /** @default 200 */
  readonly maxLength?: number;
  /** A regular expression the whole value must match. */
  readonly pattern?: string;
}

export interface MultilineField extends FieldBase {
  readonly type: 'multiline';
  readonly minLength?: number;
  /** @default 2000 */
  readonly maxLength?: number;
}

export interface NumberField extends FieldBase {
  readonly type: 'number';
  readonly min?: number;
  readonly max?: number;
  /** Whole numbers only. @default false */
  readonly integer?: boolean;
}

/** A decimal amount (at most two places) with a currency from a list; its value is `{ value: '1200.00', currency: 'EUR' }`. */
export interface AmountField extends FieldBase {
  readonly type: 'amount';
  /** ISO 4217 codes offered; the first is preselected. */
  readonly currencies: readonly string[];
  /** Decimal strings, inclusive. */
  readonly min?: string;
  readonly max?: string;
}

/** A calendar date, `YYYY-MM-DD`. */
export interface DateField extends FieldBase {
  readonly type: 'date';
  /** Inclusive bounds, `YYYY-MM-DD`. */
  readonly min?: string;
  readonly max?: string;
}

/** One of the options. */
export interface ChoiceField extends FieldBase {
  readonly type: 'choice';
  readonly options: readonly { readonly value: string; readonly label: string }[];
}

export type ScalarField = TextField | MultilineField | NumberField | AmountField | DateField | ChoiceField;

/** A column of a list of rows: a field, shown only when `readOnly` (from the row), editable otherwise. */
export type ColumnField = ScalarField & { readonly readOnly?: boolean };

/**
 * Per-item work: one row per object of the list `from` names in `data` (segments, match candidates);
 * each column's value starts as the row's property of the column's id. Its value lists, per row in
 * order, the editable columns.
 */
export interface RowsField {
  readonly type: 'rows';
  readonly id: string;
  readonly label: string;
  readonly help?: string;
  readonly from: string;
  readonly columns: readonly ColumnField[];
}

export type FormField = ScalarField | RowsField;

export interface AmountValue {
  readonly value: string;
  readonly currency: string;
}
export type ScalarValue = string | number | AmountValue;
export type RowValues = Readonly<Record<string, ScalarValue>>;
export type FieldValue = ScalarValue | readonly RowValues[];

/** What a person handed back: each filled field by id, in the form's order (empty optional fields are absent). */
export type FormValues = Readonly<Record<string, FieldValue>>;
