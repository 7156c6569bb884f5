import { hashSecret, newOneTimeCode } from '../secrets.ts';
import type { Caller, DecideDeps } from './caller.ts';
import { auditBase } from './caller.ts';
import { codeEmail } from './code-email.ts';
import type { PageRequest } from './request.ts';

/** The step-up one-time code: 6 digits, 10 minutes, 5 attempts. */
export const codeLifetimeSeconds = 600;
export const maxCodeAttempts = 5;

/** Sends a fresh code in its own email (replacing any earlier code). */
export async function sendCode(deps: DecideDeps, caller: Caller, request: PageRequest): Promise<void> {
  const code = newOneTimeCode();
  const expiresAt = Math.floor(deps.now().getTime() / 1000) + codeLifetimeSeconds;
  await deps.approvals.setOneTimeCode(caller.record.approvalId, caller.approverId, {
    codeHash: hashSecret(code),
    expiresAt,
    attempts: 0,
  });
  await deps.sendEmail(codeEmail(caller.email, caller.record.request, code));
  await deps.audit.append({ ...auditBase(caller, request), type: 'STEP_UP_CODE_SENT' });
}

/** Undefined when the code is right; otherwise what to tell the approver, or 'locked'. */
export async function checkCode(
  deps: DecideDeps,
  caller: Caller,
  request: PageRequest,
): Promise<string | 'locked' | undefined> {
  const current = (await deps.approvals.get(caller.record.approvalId))?.approvers[caller.approverId]
    ?.oneTimeCode;
  if (!current) return 'Enter the one-time code from your email.';
  if (
    !(await deps.approvals.countCodeAttempt(caller.record.approvalId, caller.approverId, maxCodeAttempts))
  ) {
    await deps.audit.append({ ...auditBase(caller, request), type: 'STEP_UP_LOCKED', decision: 'refused' });
    return 'locked';
  }
  if (current.expiresAt < deps.now().getTime() / 1000) {
    await sendCode(deps, caller, request);
    return 'That code had expired; a new one is on its way.';
  }
  if (hashSecret((request.form.code ?? '').trim()) !== current.codeHash) {
    const left = maxCodeAttempts - current.attempts - 1;
    return left > 0 ? `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.` : 'locked';
  }
  return undefined;
}
