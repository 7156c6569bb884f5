import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import { wrapText } from '../common/terminal-text.ts';
import type { Operator } from './context.ts';
import { RefusedError } from './errors.ts';
import { executionArnsOf, redriveNumber } from './executions.ts';
import { age, duration, executionNameOf, table, timestamp } from './format.ts';
import { type ExecutionSummary, summarizeExecution } from './history.ts';
import { renderReadFields } from './read-fields.ts';
import { type ChainCheck, checkChain } from './verify.ts';

export interface Timeline {
  readonly document: DocumentRecord;
  /** Oldest first. */
  readonly audit: readonly AuditRecord[];
  /** The trail's hash chain, verified against the head on the record. */
  readonly chain: ChainCheck;
  /** Oldest first: the first execution, then each redrive's. */
  readonly executions: readonly ExecutionSummary[];
}

/** A document's record, its audit trail, and the states each of its executions went through. */
export async function timeline(operator: Operator, documentId: string): Promise<Timeline> {
  const document = await operator.documents.get(documentId);
  if (!document) throw new RefusedError(`no document ${documentId} on ${operator.target.label}`);
  const [audit, executions] = await Promise.all([
    operator.audit.list(documentId),
    Promise.all(
      executionArnsOf(operator.target, document).map((a) => summarizeExecution(operator.target.sfn, a)),
    ),
  ]);
  return {
    document,
    audit,
    chain: checkChain(document, audit),
    executions: executions.filter((e): e is ExecutionSummary => e !== undefined),
  };
}

export function renderTimeline(t: Timeline, now: Date): string {
  const d = t.document;
  const label = (arn: string | undefined) => executionLabel(arn, d);
  const lines = [
    `Document ${d.documentId}`,
    `  process   ${d.process}    key ${d.key}    received ${timestamp(d.receivedAt)}`,
    `  status    ${d.status} since ${age(d.updatedAt, now)} (revision ${d.revision})`,
    ...(d.statusReason
      ? wrapText(d.statusReason, 90).map((l, i) => `  ${i === 0 ? 'reason' : '      '}    ${l}`)
      : []),
    `  owner     ${d.ownerExecution ? `${label(d.ownerExecution)} (${executionNameOf(d.ownerExecution)})` : '-'}`,
  ];
  if (d.status === 'FAILED')
    lines.push(`  failure   ${d.failureClass ?? '?'} in ${d.failedStep ?? '?'}: ${d.errorName ?? '?'}`);
  if (d.resultKey) lines.push(`  result    ${d.resultKey}`);
  if (d.quarantineKey) lines.push(`  quarantine ${d.quarantineKey}`);
  lines.push(...renderReadFields(t.audit));
  lines.push('', `Audit trail (${t.audit.length} events, oldest first): ${t.chain.summary}`);
  lines.push(
    table(t.audit, [
      { header: 'AT', value: (e) => timestamp(e.at) },
      { header: 'STEP', value: (e) => e.step },
      { header: 'EVENT', value: (e) => e.type },
      { header: 'DECISION', value: (e) => e.decision ?? '' },
      { header: 'ACTOR', value: (e) => `${e.actor.kind}:${e.actor.id}` },
      { header: 'EXECUTION', value: (e) => (e.executionArn ? label(e.executionArn) : '') },
      { header: 'VERSIONS', value: (e) => versions(e.versions) },
      { header: 'WHY', value: (e) => (e.rationale ?? []).join('; '), wrap: 60 },
    ]),
  );
  for (const e of t.executions) {
    const ended = e.stopDate ? ` stopped ${timestamp(e.stopDate)}` : '';
    const redriven = e.redriveCount > 0 ? `, redriven ${e.redriveCount}×` : '';
    lines.push(
      '',
      `Execution ${label(e.executionArn)} (${e.name}): ${e.status}, started ${timestamp(e.startDate)}${ended}${redriven}`,
    );
    if (e.error)
      lines.push(...wrapText(`${e.error}${e.cause ? `: ${e.cause}` : ''}`, 100).map((l) => `  ${l}`));
    lines.push(
      table(e.states, [
        { header: 'STATE', value: (s) => s.name },
        { header: 'TYPE', value: (s) => s.type },
        { header: 'ENTERED', value: (s) => timestamp(s.enteredAt) },
        {
          header: 'DURATION',
          value: (s) =>
            s.durationMs !== undefined
              ? duration(s.durationMs)
              : e.status === 'RUNNING'
                ? 'running'
                : 'ended here',
        },
        { header: 'FAILURES', value: (s) => (s.failures > 0 ? String(s.failures) : '') },
      ]),
    );
  }
  return lines.join('\n');
}

/** `first` for the starter's execution, `r2` for the second redrive. */
function executionLabel(arn: string | undefined, document: DocumentRecord): string {
  const n = redriveNumber(arn, document);
  if (n > 0) return `r${n}`;
  return executionNameOf(arn).endsWith(document.documentId) ? 'first' : executionNameOf(arn);
}

function versions(v: AuditRecord['versions']): string {
  return [v.workflow && `w=${v.workflow}`, v.model && `m=${v.model}`, v.rules && `r=${v.rules}`]
    .filter(Boolean)
    .join(' ');
}
