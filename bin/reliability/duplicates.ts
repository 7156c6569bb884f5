import {
  type ApprovalEmailKind,
  subjectPrefix,
} from '../../lambdas/platform/human-step/request-approval/emails.ts';
import { isStatus, isTerminal } from '../../lambdas/platform/shared/status.ts';
import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { SentEmail } from '../../local/emulators/ses.ts';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { chainFindings } from './chains.ts';

/** What the data holds about one document, grouped for the checks below. */
export interface DocumentFacts {
  readonly record?: DocumentRecord;
  readonly audit: readonly AuditRecord[];
  readonly executions: readonly ExecutionRecord[];
  /** Last-modified of its result object, if one was written. */
  readonly resultWrittenAt?: number;
  /** Its objects under quarantine/<process>/<documentId>/: key → last modified. */
  readonly quarantined?: ReadonlyMap<string, number>;
  /** Items it has in each table whose items are one document's effect (vendor history…). */
  readonly effectItems?: ReadonlyMap<string, number>;
}

/** Events that one execution records once; a second one is a side effect done twice. */
const oncePerExecution = ['EXTRACTED', 'SCORED', 'RULES_APPLIED', 'APPROVAL_REQUESTED', 'QUARANTINED'];
/** Events a document has once, whatever ran. */
const oncePerDocument = ['DOCUMENT_RECEIVED', 'FINALIZED', 'QUARANTINED', 'APPROVAL_DECIDED'];
// The result is written just before the final status and FINALIZED (the quarantine copy before
// QUARANTINED); a write this long after its event is a second one.
const resultRewriteSlackMs = 1000;

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

const over = (counts: Map<string, number>) => [...counts].filter(([, n]) => n > 1);

/**
 * Why this document counts as duplicated, or an empty list: more than one execution (hand-started
 * stale ones excepted), a once-only event twice, two terminal transitions, a move audited twice, a
 * result or quarantine object rewritten after its event, two quarantine objects,
 * two items in a one-item-per-document table (vendor history), or anything a stale execution wrote.
 */
export function duplicateReasons(facts: DocumentFacts, handStarted: ReadonlySet<string>): string[] {
  const reasons: string[] = [];
  const own = facts.executions.filter((e) => !handStarted.has(e.executionArn));
  if (own.length > 1) reasons.push(`${own.length} executions`);
  for (const type of oncePerDocument) {
    const n = facts.audit.filter((e) => e.type === type).length;
    if (n > 1) reasons.push(`${n}× ${type}`);
  }
  for (const type of oncePerExecution) {
    for (const [arn, n] of over(countBy(facts.audit, (e) => (e.type === type ? e.executionArn : undefined))))
      reasons.push(`${n}× ${type} in ${arn.split(':').at(-1)}`);
  }
  const changes = facts.audit.filter((e) => e.type === 'STATUS_CHANGED');
  const terminal = changes.filter((e) => isStatus(e.decision) && isTerminal(e.decision));
  if (terminal.length > 1) reasons.push(`${terminal.length} terminal transitions`);
  for (const revision of chainFindings(facts.record, facts.audit).auditedTwice)
    reasons.push(`the move to revision ${revision} audited twice`);
  for (const [voter, n] of over(
    countBy(facts.audit, (e) =>
      e.type === 'VOTE_RECORDED' ? `${String(e.details?.approvalId)}/${e.actor.id}` : undefined,
    ),
  ))
    reasons.push(`${n}× VOTE_RECORDED from ${voter.split('/').at(-1)}`);
  const finalized = facts.audit.find((e) => e.type === 'FINALIZED');
  if (
    finalized &&
    facts.resultWrittenAt !== undefined &&
    facts.resultWrittenAt > Date.parse(finalized.at) + resultRewriteSlackMs
  )
    reasons.push('result written again after FINALIZED');
  const quarantined = [...(facts.quarantined ?? new Map<string, number>())];
  if (quarantined.length > 1) reasons.push(`${quarantined.length} quarantine objects`);
  const quarantinedEvent = facts.audit.find((e) => e.type === 'QUARANTINED');
  if (
    quarantinedEvent &&
    quarantined.some(([, writtenAt]) => writtenAt > Date.parse(quarantinedEvent.at) + resultRewriteSlackMs)
  )
    reasons.push('quarantine object written again after QUARANTINED');
  for (const [table, n] of facts.effectItems ?? new Map<string, number>())
    if (n > 1) reasons.push(`${n} ${table} items for one document`);
  const staleWrites = facts.audit.filter(
    (e) =>
      e.executionArn !== undefined &&
      handStarted.has(e.executionArn) &&
      (e.type === 'STATUS_CHANGED' || e.type === 'FINALIZED' || e.type === 'QUARANTINED'),
  );
  if (staleWrites.length > 0)
    reasons.push(`stale execution wrote ${staleWrites.map((e) => e.type).join(', ')}`);
  return reasons;
}

const emailKinds = Object.entries(subjectPrefix) as [ApprovalEmailKind, string][];

/**
 * Human-step emails sent twice: the same kind (request, reminder, escalation) to one person for one
 * approval; each is keyed by (approval, approver, phase) and sent at most once.
 */
export function duplicateEmails(
  mail: readonly SentEmail[],
): { kind: ApprovalEmailKind; approvalId: string; to: string; count: number }[] {
  const counts = countBy(mail, (m) => {
    const kind = emailKinds.find(([, prefix]) => m.subject.startsWith(`${prefix}:`))?.[0];
    if (!kind) return undefined;
    const approvalId = /\/a\/([A-Za-z0-9_-]+)\//.exec(m.text ?? '')?.[1];
    return approvalId ? `${kind} ${approvalId} ${m.to.join(',')}` : undefined;
  });
  return over(counts).map(([key, count]) => {
    const [kind = 'request', approvalId = '', to = ''] = key.split(' ') as [
      ApprovalEmailKind,
      string,
      string,
    ];
    return { kind, approvalId, to, count };
  });
}
