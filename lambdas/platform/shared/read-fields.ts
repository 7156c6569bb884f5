/**
 * What a step read from a document, as its audit event records it (`details.fields` and
 * `details.warnings`): each field's value, the reader's confidence and the threshold the process holds
 * it to, minimised (values capped, no raw text), so tools can show what was read without a process's types.
 */

/** One value read from a document. */
export interface ReadField {
  /** The process's name for the field (`total`). */
  readonly name: string;
  /** How people call it (`Total`). */
  readonly label: string;
  /** The value as read, capped; null when it was not read. */
  readonly value: string | null;
  /** The reader's confidence, 0–100; null when the field was not read. */
  readonly confidence: number | null;
  /** The confidence below which the process has a person check the field. @default none */
  readonly threshold?: number;
}

/** Longest value kept: enough for a name or an amount, never a text dump. */
export const maxReadValue = 200;
/** Most warnings kept, each at most `maxWarning` characters. */
export const maxWarnings = 20;
export const maxWarning = 300;

const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A field as the audit trail keeps it: its value capped, its confidence rounded to two places. */
export function readField(field: ReadField): ReadField {
  return {
    name: field.name,
    label: field.label,
    value: field.value === null ? null : cap(field.value, maxReadValue),
    confidence: field.confidence === null ? null : Math.round(field.confidence * 100) / 100,
    ...(field.threshold === undefined ? {} : { threshold: field.threshold }),
  };
}

/** The warnings as the audit trail keeps them: at most `maxWarnings`, each capped. */
export function readWarnings(warnings: readonly string[]): string[] {
  return warnings.slice(0, maxWarnings).map((w) => cap(w, maxWarning));
}

/**
 * True when the field needs a person's eye: it was not read, or read with a confidence below its
 * threshold. A field without a threshold is never below it.
 */
export function belowThreshold(field: ReadField): boolean {
  if (field.threshold === undefined) return false;
  return field.confidence === null || field.confidence < field.threshold;
}

const isReadField = (v: unknown): v is ReadField => {
  const f = v as Partial<Record<keyof ReadField, unknown>> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.name === 'string' &&
    typeof f.label === 'string' &&
    (f.value === null || typeof f.value === 'string') &&
    (f.confidence === null || typeof f.confidence === 'number') &&
    (f.threshold === undefined || typeof f.threshold === 'number')
  );
};

/** What an audit event says was read; undefined when it records no fields (or not in this shape). */
export function readFieldsOf(
  details: unknown,
): { readonly fields: readonly ReadField[]; readonly warnings: readonly string[] } | undefined {
  const d = details as { fields?: unknown; warnings?: unknown } | null | undefined;
  if (!Array.isArray(d?.fields) || !d.fields.every(isReadField)) return undefined;
  const warnings = Array.isArray(d.warnings) ? d.warnings.filter((w) => typeof w === 'string') : [];
  return { fields: d.fields, warnings };
}
