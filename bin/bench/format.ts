import type { BenchReport } from './report.ts';
import type { ExecutionPath } from './transitions.ts';

type Cell = string | number;

/** Numbers as people read them here: whole milliseconds, one decimal for rates. */
export const ms = (value: number): string => String(Math.round(value));
export const rate = (value: number): string => value.toFixed(1);
export const seconds = (value: number): string => `${(value / 1000).toFixed(1)} s`;

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart.
 *
 * @example table(['step', 'p50'], [['Extract', 812]]) // 'step     p50\nExtract  812'
 */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? '').length)));
  return cells
    .map((row) =>
      widths
        .map((width, i) => {
          const text = String(row[i] ?? '');
          return i === 0 ? text.padEnd(width) : text.padStart(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `key  value` lines with the values aligned. */
export function keyValues(rows: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

const paths: readonly ExecutionPath[] = ['happy', 'approval', 'failed'];

/** The report as the compact tables `npm run bench` prints. */
export function formatReport(report: BenchReport): string {
  const e = report.endToEnd;
  const statuses = Object.entries(e.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const out: string[] = [
    `Tower local bench: ${e.documents} invoices (${e.planned.approval} planned to need approval), ` +
      `concurrency ${report.settings.concurrency}; node ${report.machine.node}, ${report.machine.cpus} CPUs, ${report.machine.platform}, ` +
      `load ${report.machine.load.start.toFixed(2)} → ${report.machine.load.end.toFixed(2)}`,
    '',
    'End to end (first drop → last document terminal)',
    indent(
      keyValues([
        ['documents terminal', `${e.terminal}/${e.documents} (${statuses})`],
        ['wall time', seconds(e.wallMs)],
        ['documents per minute', rate(e.documentsPerMinute)],
        [
          'approved via emailed link',
          `${e.approvals.decided} (${e.planned.approval} planned)${e.approvals.failed ? `, ${e.approvals.failed} FAILED` : ''}`,
        ],
        ['intake batches / task retries', `${e.intakeBatches} / ${e.retries}`],
      ]),
    ),
    '',
    'Document latency, drop → terminal (ms)',
    indent(
      table(
        ['path', 'count', 'p50', 'p95', 'p99', 'max'],
        paths.flatMap((path) => {
          const p = e.latency[path];
          return p ? [[path, p.count, ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)]] : [];
        }),
      ),
    ),
    '',
    'Steps, from execution histories (ms; approval steps include the person)',
    indent(
      table(
        ['step', 'count', 'p50', 'p95', 'p99'],
        report.steps.map((s) => [s.name, s.count, ms(s.p50), ms(s.p95), ms(s.p99)]),
      ),
    ),
    '',
    'Functions, invocations in workers (ms)',
    indent(
      table(
        ['function', 'count', 'cold', 'p50', 'p95', 'p99'],
        report.functions.map((f) => [f.name, f.count, f.cold, ms(f.p50), ms(f.p95), ms(f.p99)]),
      ),
    ),
    '',
    'State transitions per document (each state entered + each retry)',
    indent(
      table(
        ['path', 'executions', 'min', 'median', 'max'],
        paths.flatMap((path) => {
          const t = report.transitions[path];
          return t ? [[path, t.count, t.min, t.median, t.max]] : [];
        }),
      ),
    ),
  ];
  const o = report.overhead;
  if (o) {
    out.push(
      '',
      `Orchestration overhead (${o.runtime.executions} executions, ${o.runtime.concurrency} in flight, instant handlers, ` +
        `median of ${o.runtime.rounds ?? 1} rounds)`,
      indent(
        table(
          ['engine', 'exec/s', 'p50 ms', 'p95 ms', 'failed'],
          [o.runtime, o.bare].map((r) => [
            r.label,
            rate(r.executionsPerSecond),
            ms(r.latency.p50),
            ms(r.latency.p95),
            r.failed,
          ]),
        ),
      ),
      "  (a) starts executions through the runtime's Step Functions API with the AWS SDK, leaving out the",
      '  intake (S3 → SQS long poll → starter), which would measure the intake, not orchestration',
      `  ratio: the bare engine runs ${o.ratio.toFixed(1)}× as many executions per second; ` +
        `the runtime adds ${o.addedMsPerExecution.toFixed(2)} ms of wall time per execution`,
    );
  }
  if (report.overheadError) out.push('', `Orchestration overhead NOT MEASURED: ${report.overheadError}`);
  out.push('', `bench wall time ${seconds(report.benchWallMs)}`);
  if (e.lost.length > 0) {
    out.push('', `LOST: ${e.lost.length} document(s) never reached a terminal state:`);
    for (const l of e.lost)
      out.push(`  ${l.fileName}  ${l.documentId.slice(0, 12)}  last status ${l.lastStatus}`);
  }
  return out.join('\n');
}
