import { type ApprovalRecord, type NoticeField, noticeIntent } from '../record.ts';
import { approvalLink } from '../route.ts';
import { hashSecret, newLinkSecret } from '../secrets.ts';
import type { ApprovalDeps } from './context.ts';
import { type ApprovalEmailKind, approvalEmail } from './emails.ts';

/** One approver's email of one kind, once: claim, send with a working link, mark. False when already claimed. */
export async function sendOnce(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  id: string,
  field: NoticeField,
  kind: ApprovalEmailKind,
  secrets: Map<string, string>,
): Promise<boolean> {
  const approver = record.approvers[id];
  if (!approver || approver[field] || approver[noticeIntent[field]]) return false;
  if (!(await deps.approvals.claimNotice(record.approvalId, id, field, deps.now().toISOString())))
    return false;
  // A secret made in this run is used only if it is the one stored (another run may have stored its own).
  let secret = secrets.get(id);
  if (!secret || !approver.secretHashes.includes(hashSecret(secret))) {
    // Only hashes are stored, so a resend (retry or reminder) carries a new secret; earlier links stay valid.
    secret = newLinkSecret();
    await deps.approvals.addSecretHash(record.approvalId, id, hashSecret(secret));
  }
  const link = approvalLink(deps.baseUrl, record.approvalId, secret);
  try {
    await deps.sendEmail(approvalEmail(kind, approver.email, record.request, link, record.deadlineAt));
  } catch (error) {
    await deps.approvals.releaseNotice(record.approvalId, id, field);
    throw error;
  }
  await deps.approvals.markApprover(record.approvalId, id, field, deps.now().toISOString());
  return true;
}
