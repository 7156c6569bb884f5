import type { ScenarioRow } from './types.ts';

const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** The report as a table, one row per scenario, then each scenario's notes and problems. */
export function formatRows(rows: readonly ScenarioRow[], wallMs: number): string {
  const header = [
    '#',
    'scenario',
    'documents',
    'expected',
    'lost',
    'duplicated',
    'wrong',
    'chains',
    'p95 latency',
    'wall',
  ];
  const cells = rows.map((r) => [
    String(r.id),
    r.scenario,
    String(r.documents),
    String(r.expected),
    String(r.lost),
    String(r.duplicated),
    String(r.wrong),
    String(r.chains),
    seconds(r.p95LatencyMs),
    seconds(r.wallMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c.map((cell, i) => (i === 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const out = [line(header), ...cells.map(line), ''];
  for (const r of rows) {
    out.push(`${r.id}. ${r.scenario}`);
    for (const note of r.notes) out.push(`   ${note}`);
    for (const problem of r.problems) out.push(`   ! ${problem}`);
  }
  out.push('', `total wall time ${seconds(wallMs)}`);
  return out.join('\n');
}

/** Whether the run failed: anything lost or duplicated, a broken audit chain, or a move left unaudited. */
export function failed(rows: readonly ScenarioRow[]): boolean {
  return rows.some((r) => r.lost > 0 || r.duplicated > 0 || r.chains > 0 || r.unaudited > 0);
}
