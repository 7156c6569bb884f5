/**
 * What a check found. `fail`: the deploy, or the first documents after it, would fail in this account;
 * `warn`: it works, with a limit or a side effect worth knowing; `unchecked`: the preflight could not
 * read what it needs (a missing permission, a service that did not answer), so it cannot say it will
 * not fail; `ok`: checked and fine.
 */
export type Level = 'ok' | 'warn' | 'fail' | 'unchecked';

export interface Finding {
  /** The check, as the report heads it (e.g. `Lambda concurrency`). */
  readonly check: string;
  readonly level: Level;
  /** One line: what was found. */
  readonly summary: string;
  /** The figures behind it, one a line. */
  readonly details?: readonly string[];
  /** What to do about it. */
  readonly fix?: string;
  /** The documentation the finding rests on. */
  readonly docs?: string;
}

/**
 * The exit code of a preflight: 0 when nothing would fail and everything was checked (warnings allowed),
 * 1 when something would fail or could not be checked.
 */
export function exitCodeOf(findings: readonly Finding[]): 0 | 1 {
  return findings.some((f) => f.level === 'fail' || f.level === 'unchecked') ? 1 : 0;
}

export function countByLevel(findings: readonly Finding[]): Readonly<Record<Level, number>> {
  const counts: Record<Level, number> = { ok: 0, warn: 0, fail: 0, unchecked: 0 };
  for (const finding of findings) counts[finding.level] += 1;
  return counts;
}
