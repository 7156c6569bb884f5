import { type Delivery, deliverDecision } from '../delivery.ts';
import { tally } from '../outcome.ts';
import type { ApprovalRecord } from '../record.ts';
import { decidedEvent, deliveredEvent, notAppliedEvent } from './events.ts';
import type { Actor, Decided, LifecycleDeps } from './state.ts';

export type Decision =
  | { readonly kind: 'pending'; readonly approvals: number }
  | { readonly kind: 'decided'; readonly record: ApprovalRecord; readonly decision: Decided }
  /** Ended by someone else in between (decided, expired, recalled, cancelled). */
  | { readonly kind: 'ended' };

/** Where following a decision to its wait got: accepted, the wait gone, or no wait to hand it to yet. */
export type Followed = 'delivered' | 'not-applied' | 'awaiting-wait';

/**
 * pending → decided: ends a pending task whose recorded votes meet its policy; the status moves once
 * (conditionally), in one write with its APPROVAL_DECIDED event. Called after each vote, and by every
 * later phase, so votes stored by a run that stopped before counting them still decide.
 */
export async function decide(
  deps: Omit<LifecycleDeps, 'sfn'>,
  record: ApprovalRecord,
  actor: Actor,
): Promise<Decision> {
  const result = tally(record);
  if (result.result === 'pending') return { kind: 'pending', approvals: result.approvals };
  const at = deps.now().toISOString();
  const status = result.result === 'approved' ? 'APPROVED' : 'REJECTED';
  const events = [decidedEvent(record, result.result, result.deciders, actor)];
  if (!(await deps.approvals.finish(record.approvalId, status, { at, decidedBy: result.deciders, events })))
    return { kind: 'ended' };
  const decided: ApprovalRecord = { ...record, status, decidedAt: at, decidedBy: result.deciders };
  return { kind: 'decided', record: decided, decision: result.result };
}

/**
 * decided → delivered: hands a decided task to one wait and records, with its audit event, that it
 * arrived (deliveredAt once, whoever delivered it); a wait that has ended is reported.
 */
export async function handOn(
  deps: LifecycleDeps,
  taskToken: string,
  record: ApprovalRecord,
  decision: Decided,
  actor: Actor,
): Promise<Delivery> {
  const delivery = await deliverDecision(deps.sfn, taskToken, record, decision);
  if (delivery === 'delivered')
    await deps.approvals.markDelivered(
      record.approvalId,
      deps.now().toISOString(),
      deliveredEvent(record, decision, actor),
    );
  return delivery;
}

/**
 * Delivers to the current wait; if the wait moved on (a new phase registered), follows its new token,
 * at most three times. A workflow no longer waiting is audited DECISION_NOT_APPLIED once.
 */
export async function follow(
  deps: LifecycleDeps,
  record: ApprovalRecord,
  decision: Decided,
  actor: Actor,
): Promise<Followed> {
  let token = record.taskToken;
  for (let attempt = 0; token && attempt < 3; attempt++) {
    const delivery = await handOn(deps, token, record, decision, actor);
    if (delivery === 'delivered') return 'delivered';
    if (delivery === 'task-gone') {
      // Each later click finds the wait gone again: recorded once.
      await deps.audit.append(notAppliedEvent(record, decision, actor), {
        idempotencyKey: `${record.approvalId}/not-applied`,
      });
      return 'not-applied';
    }
    const current = await deps.approvals.get(record.approvalId);
    token = current?.taskToken !== token ? current?.taskToken : undefined;
  }
  // The wait timed out and the next phase has not registered yet: it will find the decision and deliver it.
  return 'awaiting-wait';
}
