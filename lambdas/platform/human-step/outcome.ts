import type { ApprovalRecord } from './record.ts';

export type Tally =
  | { readonly result: 'approved'; readonly deciders: readonly string[] }
  | { readonly result: 'rejected'; readonly deciders: readonly string[] }
  | { readonly result: 'pending'; readonly approvals: number; readonly rejections: number };

/**
 * Counts the votes under the approval's policy: N approvals decide; with a veto one rejection decides;
 * without one, rejections decide once the remaining voters can no longer reach N.
 */
export function tally(
  record: Pick<
    ApprovalRecord,
    'approvers' | 'requiredApprovals' | 'veto' | 'separationOfDuties' | 'submittedBy'
  >,
): Tally {
  const entries = Object.values(record.approvers);
  const approvals = entries.filter((a) => a.vote?.decision === 'approve');
  const rejections = entries.filter((a) => a.vote?.decision === 'reject');
  if (record.veto && rejections.length > 0) {
    return { result: 'rejected', deciders: rejections.map((a) => a.email) };
  }
  if (approvals.length >= record.requiredApprovals) {
    return { result: 'approved', deciders: approvals.map((a) => a.email) };
  }
  // Submitters cannot approve, so they do not count towards what is still reachable.
  const undecided = entries.filter((a) => !a.vote && !isSubmitter(record, a.email)).length;
  if (approvals.length + undecided < record.requiredApprovals) {
    return { result: 'rejected', deciders: rejections.map((a) => a.email) };
  }
  return { result: 'pending', approvals: approvals.length, rejections: rejections.length };
}

/** Whether this approver may vote: separation of duties keeps submitters from approving their own documents. */
export function isSubmitter(
  record: Pick<ApprovalRecord, 'separationOfDuties' | 'submittedBy'>,
  email: string,
): boolean {
  if (!record.separationOfDuties || !record.submittedBy) return false;
  return record.submittedBy.trim().toLowerCase() === email.trim().toLowerCase();
}
