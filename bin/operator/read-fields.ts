import { belowThreshold, readFieldsOf } from '../../lambdas/platform/shared/read-fields.ts';
import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import { table, timestamp } from './format.ts';

/**
 * What the document's latest reading recorded (an audit event with `details.fields`): each field's
 * value, confidence and threshold, a read below its threshold marked `!`, then the reader's warnings.
 * Empty when nothing was read.
 */
export function renderReadFields(audit: readonly AuditRecord[]): string[] {
  const latest = [...audit].reverse().find((e) => readFieldsOf(e.details) !== undefined);
  const read = latest && readFieldsOf(latest.details);
  if (!latest || !read) return [];
  const below = read.fields.filter(belowThreshold).length;
  return [
    '',
    `What was read (${latest.type} at ${timestamp(latest.at)}; ${below === 0 ? 'no read below its threshold' : `${below} below the threshold, marked !`})`,
    table(read.fields, [
      { header: ' ', value: (f) => (belowThreshold(f) ? '!' : '') },
      { header: 'FIELD', value: (f) => f.label },
      { header: 'VALUE', value: (f) => f.value ?? '(not read)' },
      { header: 'CONFIDENCE', value: (f) => (f.confidence === null ? '-' : String(f.confidence)) },
      { header: 'THRESHOLD', value: (f) => (f.threshold === undefined ? '' : String(f.threshold)) },
    ]),
    ...(read.warnings.length === 0
      ? ['No warnings from the reader.']
      : ['Warnings:', ...read.warnings.map((w) => `  - ${w}`)]),
  ];
}
