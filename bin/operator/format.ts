/** Plain-text rendering for the operator CLI: aligned tables, ages and durations. */
import { visibleText } from '../../lambdas/platform/shared/visible-text.ts';
import { wrapText } from '../common/terminal-text.ts';

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  /** Wraps the value in lines of at most this many characters, rather than widening the table. */
  readonly wrap?: number;
}

/**
 * An aligned table with a header line; an empty list renders as `(none)`. Values are shown with control
 * and bidi characters written out (they come from files and documents); a wrapped value takes more lines.
 */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) =>
    columns.map((c) => {
      const value = visibleText(c.value(row));
      return c.wrap ? wrapText(value, c.wrap) : [value];
    }),
  );
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.flatMap((r) => (r[i] ?? []).map((l) => l.length))),
  );
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = (row: readonly string[][]) =>
    Array.from({ length: Math.max(...row.map((c) => c.length)) }, (_, k) => line(row.map((c) => c[k] ?? '')));
  return [line(columns.map((c) => c.header)), ...cells.flatMap(lines)].join('\n');
}

/** `850ms`, `4.2s`, `3m 04s`, `2h 05m`, `3d 4h`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.floor(s);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${pad(whole % 60)}s`;
  if (whole < 86_400) return `${Math.floor(whole / 3600)}h ${pad(Math.floor((whole % 3600) / 60))}m`;
  return `${Math.floor(whole / 86_400)}d ${Math.floor((whole % 86_400) / 3600)}h`;
}

/** How long ago an ISO timestamp was. */
export function age(iso: string | undefined, now: Date): string {
  if (!iso) return '-';
  const ms = now.getTime() - Date.parse(iso);
  return Number.isFinite(ms) ? duration(Math.max(0, ms)) : '-';
}

/** `2024-05-01 12:00:03` from an ISO timestamp or a Date. */
export function timestamp(value: string | Date | undefined): string {
  if (value === undefined) return '-';
  const iso = typeof value === 'string' ? value : value.toISOString();
  return iso.replace('T', ' ').slice(0, 19);
}

/** The last segment of an execution ARN: its name. */
export function executionNameOf(arn: string | undefined): string {
  return arn ? (arn.split(':').at(-1) ?? arn) : '-';
}
