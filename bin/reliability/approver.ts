import type { SentEmail } from '../../local/emulators/ses.ts';
import { decide } from './approval-page.ts';

/** Approval links in the local mailbox: `<approvals>/a/<approvalId>/<secret>`, with recipient and subject. */
export function approvalLinks(
  mail: readonly SentEmail[],
  approvalsUrl: string,
): { to: string; subject: string; link: string; approvalId: string }[] {
  const base = approvalsUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`${base}/a/([A-Za-z0-9_-]+)/[A-Za-z0-9_-]+`, 'g');
  return mail.flatMap((m) =>
    [...new Set(m.text?.match(pattern) ?? [])].map((link) => ({
      to: m.to.join(','),
      subject: m.subject,
      link,
      approvalId: /\/a\/([^/]+)\//.exec(link)?.[1] ?? '',
    })),
  );
}

/**
 * Approves every approval an approver is asked for, once per approval, until stopped. Invoices that
 * the rules send to a person by chance (a repeated vendor, a high risk score) then still complete.
 */
export class AutoApprover {
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  approved = 0;
  /** Approvals left to someone else (a scenario deciding them itself). */
  skip?: (approvalId: string) => boolean;

  constructor(
    private readonly mailbox: () => Promise<readonly SentEmail[]>,
    private readonly approvalsUrl: string,
    private readonly options: { approver: string; dwellMs: number },
  ) {}

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      await this.poll().catch(() => undefined);
      if (!this.stopped) this.timer = setTimeout(() => void tick(), 1000);
    };
    this.timer = setTimeout(() => void tick(), 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.inFlight]);
  }

  private async poll(): Promise<void> {
    for (const { to, link, approvalId } of approvalLinks(await this.mailbox(), this.approvalsUrl)) {
      if (to !== this.options.approver || this.seen.has(approvalId) || this.skip?.(approvalId)) continue;
      this.seen.add(approvalId);
      const decision = decide(link, 'approve', this.options.dwellMs)
        .then(() => {
          this.approved += 1;
        })
        .catch(() => this.seen.delete(approvalId))
        .finally(() => this.inFlight.delete(decision));
      this.inFlight.add(decision);
    }
  }
}
