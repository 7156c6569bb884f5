import type { CancelOutcome } from './cancel.ts';
import type { DlqRedrive, DlqReport } from './dlq.ts';
import { age, executionNameOf, table } from './format.ts';
import type { RedriveOutcome } from './redrive.ts';

/** Human-readable output of the DLQ and action commands (`--json` prints their results as they are). */

export function renderDlqReports(reports: readonly DlqReport[], now: Date): string {
  return reports
    .map((r) =>
      [
        `${r.queue} DLQ: ${r.approximateCount} message(s) waiting${r.messages.length < r.approximateCount ? ` (${r.messages.length} read)` : ''}`,
        ...(r.messages.length === 0
          ? []
          : [
              table(r.messages, [
                { header: 'MESSAGE', value: (m) => m.messageId },
                { header: 'WAITING', value: (m) => age(m.sentAt, now) },
                { header: 'RECEIVES', value: (m) => String(m.receiveCount ?? '') },
                { header: 'SUBJECT', value: subject },
              ]),
            ]),
      ].join('\n'),
    )
    .join('\n\n');
}

export function renderDlqRedrive(r: DlqRedrive): string {
  const lines = [`${r.moved.length} message(s) moved from the ${r.queue} DLQ back to ${r.queue}`];
  for (const m of r.moved) lines.push(`  ${m.messageId} → ${m.newMessageId}  ${subject(m)}`);
  if (r.failure)
    lines.push(
      `stopped: ${r.failure.messageId} could not be sent (${r.failure.error}); it and the rest stay in the DLQ`,
    );
  return lines.join('\n');
}

export function renderRedrive(r: RedriveOutcome): string {
  return r.mode === 'redrive-execution'
    ? `redriving ${executionNameOf(r.executionArn)} where it failed; document ${r.documentId} is ${r.status}`
    : `started ${executionNameOf(r.executionArn)} with the original input (the failure was recorded, so the old execution is not resumed); document ${r.documentId} is ${r.status}, owned by the new execution`;
}

export function renderCancel(c: CancelOutcome): string {
  if (c.action === 'compensated') return `document ${c.documentId} had no running execution: now COMPENSATED`;
  return c.settled
    ? `stopped ${executionNameOf(c.executionArn)}; document ${c.documentId} is COMPENSATED and its approval links are withdrawn`
    : `stopped ${executionNameOf(c.executionArn)}, but document ${c.documentId} is ${c.status} (execution-ended has not settled it as COMPENSATED)`;
}

function subject(m: {
  keys?: readonly string[];
  documentId?: string;
  jobId?: string;
  problem?: string;
}): string {
  if (m.problem) return `unreadable: ${m.problem}`;
  if (m.keys) return m.keys.join(', ') || '(no objects)';
  return [m.documentId && `document ${m.documentId}`, m.jobId && `job ${m.jobId}`].filter(Boolean).join(', ');
}
