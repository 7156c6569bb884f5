import { type ApprovalPhase, type ApprovalRecord, noticeIntent } from '../record.ts';
import type { ApprovalDeps } from './context.ts';
import type { ApprovalEmailKind } from './emails.ts';
import { sendOnce } from './send-once.ts';

/** Who this phase's emails went to now, and who a cut-off earlier run may or may not have reached. */
export interface Notified {
  readonly sent: string[];
  readonly unconfirmed: string[];
  /** Unconfirmed request recipients sent their reminder now, so nobody is left without a link. */
  readonly remindedEarly: string[];
}

/**
 * Emails each person this phase concerns and has not yet been emailed for it, each email keyed by
 * (approval, approver, phase): claimed before the send, marked sent after it. A claim without the mark
 * means a run was cut off around the send; SES cannot say whether it went out, and a second copy is the
 * duplicate this step must never make, so it is not sent again (at most once). A request left
 * unconfirmed so is followed by that person's reminder now (itself once: the scheduled reminder then
 * skips them), so a cut-off send never leaves someone without a link; any other phase's leaves the
 * later phases and the deadline. A send SES refused gives the claim back, so the retry sends it.
 */
export async function notify(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  phase: ApprovalPhase,
  secrets: Map<string, string>,
): Promise<Notified> {
  const field = phase === 'remind' ? 'remindedAt' : 'notifiedAt';
  const kind: ApprovalEmailKind =
    phase === 'request' ? 'request' : phase === 'remind' ? 'reminder' : 'escalation';
  const wanted = Object.entries(record.approvers).filter(([, a]) =>
    phase === 'escalate' ? a.role === 'escalation' : a.role === 'approver' && !(phase === 'remind' && a.vote),
  );
  const notified: Notified = { sent: [], unconfirmed: [], remindedEarly: [] };
  for (const [id, approver] of wanted) {
    if (approver[field]) continue;
    if (approver[noticeIntent[field]]) {
      notified.unconfirmed.push(approver.email);
      if (
        phase === 'request' &&
        !approver.vote &&
        (await sendOnce(deps, record, id, 'remindedAt', 'reminder', secrets))
      )
        notified.remindedEarly.push(approver.email);
      continue;
    }
    if (await sendOnce(deps, record, id, field, kind, secrets)) notified.sent.push(approver.email);
  }
  return notified;
}
