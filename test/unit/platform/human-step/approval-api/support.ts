import type { DecideDeps } from '../../../../../lambdas/platform/human-step/approval-api/caller.ts';
import type { PageRequest } from '../../../../../lambdas/platform/human-step/approval-api/request.ts';
import type { ApprovalRecord } from '../../../../../lambdas/platform/human-step/record.ts';
import { approvalRecord } from '../../shared/support/builders.ts';
import { clock, fakeMailer, fakeSfn, MemoryApprovals } from '../../shared/support/fakes.ts';

/** The approval API's ports, faked, around one stored approval (pending, two approvers, one approval needed). */
export function approvalApi(
  options: {
    readonly record?: Partial<ApprovalRecord>;
    readonly refuse?: (taskToken: string) => string | undefined;
    readonly approvals?: MemoryApprovals;
  } = {},
) {
  const time = clock('2025-03-01T10:00:00.000Z');
  const seeded = approvalRecord(options.record);
  // One trail, as the stores share one audit table: a vote and its event are one write.
  const approvals = options.approvals ?? new MemoryApprovals([seeded]);
  const audit = approvals.audit;
  const mail = fakeMailer();
  const sfn = fakeSfn(options.refuse);
  const deps: DecideDeps = {
    approvals: approvals.store,
    audit: audit.trail,
    sendEmail: mail.send,
    sfn: sfn.client,
    now: time.now,
  };
  const record = () => approvals.peek(seeded.approvalId) as ApprovalRecord;
  /** The one-time code in the latest step-up email's subject ('' when none was sent). */
  const lastCode = () => /\b(\d{6})\b/.exec(mail.sent.at(-1)?.subject ?? '')?.[1] ?? '';
  return { deps, approvals, audit, mail, sfn, time, record, lastCode, approvalId: seeded.approvalId };
}

export function pageRequest(
  method: PageRequest['method'],
  approvalId: string,
  secret: string,
  form: Record<string, string> = {},
): PageRequest {
  return {
    method,
    approvalId,
    secret,
    form,
    client: { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 (test)' },
    cookies: {},
    domainName: 'localhost',
  };
}

/** A hidden form field's value from a rendered page. */
export function formValue(body: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1];
}
