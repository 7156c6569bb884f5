import { isTerminal } from '../../lambdas/platform/shared/status.ts';
import { type AuditRecord, orderTrail } from '../../lambdas/platform/stores/audit.ts';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { retriesOf } from '../../local/stepfunctions/history-reading.ts';
import { chainFindings } from './chains.ts';
import { type DocumentFacts, duplicateEmails, duplicateReasons } from './duplicates.ts';
import type { Evidence } from './evidence.ts';
import type { Expectation, ScenarioOutcome, ScenarioRow } from './types.ts';

const maxProblems = 8;

/** The document an execution ran on, from its input. */
export function documentOfExecution(execution: ExecutionRecord): string | undefined {
  try {
    const input = JSON.parse(execution.input) as { document?: { documentId?: unknown } };
    return typeof input.document?.documentId === 'string' ? input.document.documentId : undefined;
  } catch {
    return undefined;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function countTables(items: Evidence['effects']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.table, (counts.get(item.table) ?? 0) + 1);
  return counts;
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/** When the document reached its current status: the audited transition, else the record's update time. */
function settledAt(facts: DocumentFacts): number | undefined {
  const record = facts.record;
  if (!record) return undefined;
  const change = facts.audit
    .filter((e: AuditRecord) => e.type === 'STATUS_CHANGED' && e.decision === record.status)
    .at(-1);
  return Date.parse(change?.at ?? record.updatedAt);
}

function matches(expectation: Expectation, facts: DocumentFacts, evidence: Evidence): string | undefined {
  const record = facts.record;
  if (!record) return 'no record';
  if (!expectation.statuses.includes(record.status))
    return `${record.status}${record.statusReason ? ` (${record.statusReason.slice(0, 120)})` : ''}, expected ${expectation.statuses.join('/')}`;
  if (expectation.failureClass && record.failureClass !== expectation.failureClass)
    return `FAILED with class ${record.failureClass ?? 'none'}, expected ${expectation.failureClass}`;
  if (expectation.quarantined) {
    if (!record.quarantineKey) return 'REJECTED_INPUT without a quarantine key';
    if (!evidence.quarantine.has(record.quarantineKey))
      return `quarantine object ${record.quarantineKey} missing`;
  }
  return undefined;
}

/** What the data shows happened on the way: executions, retries, redrives, deduplicated and refused writes. */
export function dataNotes(evidence: Evidence): string {
  const count = (type: string) => evidence.audit.filter((e) => e.type === type).length;
  const retries = evidence.executions.reduce((n, e) => n + retriesOf(e.events), 0);
  const redriven = evidence.executions.filter((e) => e.redriveCount > 0).length;
  if (process.env.RELIABILITY_DEBUG)
    for (const e of evidence.audit.filter((x) => x.type === 'STATUS_CHANGE_REFUSED'))
      console.error(
        'REFUSED',
        e.documentId.slice(0, 8),
        e.step,
        e.decision,
        e.actor.id,
        e.rationale?.[0],
        e.executionArn?.slice(-10),
      );
  return [
    `${evidence.executions.length} executions`,
    `${retries} task retries`,
    `${redriven} redriven`,
    `${count('DUPLICATE_RECEIVED')} DUPLICATE_RECEIVED`,
    `${count('STATUS_CHANGE_REFUSED')} STATUS_CHANGE_REFUSED`,
    `${count('STALE_EXECUTION_IGNORED')} STALE_EXECUTION_IGNORED`,
  ].join(', ');
}

/**
 * Judges a scenario from the runtime's data alone: for each expected document, whether it settled
 * where expected, never settled (lost), settled elsewhere (wrong), or shows a duplicate; and for
 * every document, whether its audit chain verifies and every move it made is audited.
 */
export function judge(
  id: number,
  scenario: string,
  evidence: Evidence,
  outcome: ScenarioOutcome,
  wallMs: number,
): ScenarioRow {
  const handStarted = new Set(outcome.handStarted ?? []);
  const records = new Map(evidence.documents.map((d) => [d.documentId, d]));
  // Each document's trail in chain order (the order its events were written in).
  const audit = new Map(
    [...groupBy(evidence.audit, (e) => e.documentId)].map(([d, t]) => [d, orderTrail(t)]),
  );
  const executions = groupBy(evidence.executions, documentOfExecution);
  const resultAt = new Map(
    [...evidence.results].map(([key, at]) => [
      key
        .split('/')
        .at(-1)
        ?.replace(/\.json$/, '') ?? key,
      at,
    ]),
  );
  const quarantined = groupBy([...evidence.quarantine], ([key]) => key.split('/').at(-2));
  const effects = groupBy(evidence.effects, (e) => e.documentId);
  const problems: string[] = [...(outcome.problems ?? [])];
  const latencies: number[] = [];
  let expected = 0;
  let lost = 0;
  let wrong = outcome.extraWrong ?? 0;
  let duplicated = outcome.extraDuplicated ?? 0;
  let unaudited = 0;
  let brokenChains = 0;
  for (const record of evidence.documents) {
    const name = `${record.documentId.slice(0, 12)} (${record.status})`;
    const findings = chainFindings(record, audit.get(record.documentId) ?? []);
    if (findings.broken) {
      brokenChains += 1;
      problems.push(`broken chain: ${name}: ${findings.broken}`);
    }
    if (findings.unaudited.length > 0) {
      unaudited += 1;
      problems.push(
        `unaudited move: ${name}: revision ${findings.unaudited.join(', ')} of ${record.revision} has no STATUS_CHANGED event`,
      );
    }
  }
  const unique = new Map(outcome.expectations.map((e) => [e.documentId, e]));
  for (const expectation of unique.values()) {
    const facts: DocumentFacts = {
      record: records.get(expectation.documentId),
      audit: audit.get(expectation.documentId) ?? [],
      executions: executions.get(expectation.documentId) ?? [],
      resultWrittenAt: resultAt.get(expectation.documentId),
      quarantined: new Map(quarantined.get(expectation.documentId) ?? []),
      effectItems: countTables(effects.get(expectation.documentId) ?? []),
    };
    const name = `${expectation.label} ${expectation.documentId.slice(0, 12)}`;
    const dup = duplicateReasons(facts, handStarted);
    if (dup.length > 0) {
      duplicated += 1;
      problems.push(`duplicated: ${name}: ${dup.join('; ')}`);
    }
    const status = facts.record?.status;
    const settled = status !== undefined && (isTerminal(status) || expectation.statuses.includes(status));
    if (!settled) {
      lost += 1;
      problems.push(`lost: ${name}: ${status ?? 'no record'}`);
      continue;
    }
    const mismatch = matches(expectation, facts, evidence);
    if (mismatch) {
      wrong += 1;
      problems.push(`wrong: ${name}: ${mismatch}`);
    } else expected += 1;
    const at = settledAt(facts);
    if (at !== undefined) latencies.push(at - expectation.droppedAt);
  }
  const strangers = evidence.documents.filter((d) => !unique.has(d.documentId));
  if (strangers.length > 0) {
    wrong += strangers.length;
    problems.push(`wrong: ${strangers.length} document(s) nobody dropped, e.g. ${strangers[0]?.key}`);
  }
  const emails = duplicateEmails(evidence.mail);
  if (emails.length > 0) {
    duplicated += emails.length;
    problems.push(
      `duplicated: ${emails.length} human-step email(s) sent twice, e.g. ${emails[0]?.kind} to ${emails[0]?.to}`,
    );
  }
  return {
    id,
    scenario,
    documents: unique.size,
    expected,
    lost,
    duplicated,
    wrong,
    chains: brokenChains,
    unaudited,
    p95LatencyMs: percentile(latencies, 95),
    wallMs,
    notes: [
      ...(outcome.notes ?? []),
      dataNotes(evidence),
      `${evidence.documents.length} chains verified, ${brokenChains} broken`,
      ...(unaudited > 0 ? [`${unaudited} document(s) with a status move missing from the audit trail`] : []),
    ],
    problems: problems
      .slice(0, maxProblems)
      .concat(problems.length > maxProblems ? [`… and ${problems.length - maxProblems} more`] : []),
  };
}
