import { countByLevel, exitCodeOf, type Finding, type Level } from './findings.ts';

/** Who and what a report is about. */
export interface ReportHeader {
  readonly accountId: string;
  readonly arn: string;
  readonly region: string;
  readonly stackName: string;
  readonly stage: string;
  /** Set when the answers come from a recording: the file and how it was made. */
  readonly replay?: { readonly file: string; readonly source: string };
}

const order: readonly Level[] = ['fail', 'unchecked', 'warn', 'ok'];
const label: Readonly<Record<Level, string>> = {
  fail: 'FAIL',
  unchecked: 'UNCHECKED',
  warn: 'WARN',
  ok: 'OK',
};
const indent = ' '.repeat(11);

function renderFinding(f: Finding): string[] {
  return [
    `${label[f.level].padEnd(10)} ${f.check}: ${f.summary}`,
    ...(f.details ?? []).map((d) => `${indent}${d}`),
    ...(f.fix ? [`${indent}fix: ${f.fix}`] : []),
    ...(f.docs ? [`${indent}see: ${f.docs}`] : []),
  ];
}

/** The preflight's report for people: the failures first, each with its fix, then a one-line verdict. */
export function renderReport(header: ReportHeader, findings: readonly Finding[]): string {
  const counts = countByLevel(findings);
  const code = exitCodeOf(findings);
  const sorted = order.flatMap((level) => findings.filter((f) => f.level === level));
  const verdict =
    counts.fail > 0
      ? 'the deploy, or the first documents after it, would fail'
      : counts.unchecked > 0
        ? 'nothing found that would fail, but not everything could be checked'
        : 'nothing found that would fail';
  return [
    `Tower preflight: ${header.stackName} (stage ${header.stage}) in account ${header.accountId}, ${header.region}`,
    `  as ${header.arn}`,
    ...(header.replay
      ? [
          `  REPLAY of recorded answers from ${header.replay.file} (${header.replay.source}): no AWS call was made`,
        ]
      : []),
    '',
    ...sorted.flatMap(renderFinding),
    '',
    `${counts.fail} would fail, ${counts.unchecked} not checked, ${counts.warn} warning${counts.warn === 1 ? '' : 's'}, ${counts.ok} ok: ${verdict} (exit ${code})`,
  ].join('\n');
}
