/**
 * A person approving through the emailed link, as the approval page expects: open the page (GET decides
 * nothing), choose, wait the minimum dwell, confirm. Polls the local mailbox for new links.
 */

export interface ApprovalLink {
  readonly to: string;
  readonly link: string;
  readonly subject: string;
}

export interface DecisionRecord {
  readonly link: string;
  readonly subject: string;
  readonly ok: boolean;
  /** HTTP status of the confirming POST, or the error that stopped the flow. */
  readonly detail: string;
  readonly decidedAt: number;
}

function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} field on the approval page`);
  return match[1];
}

async function post(link: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'tower-bench' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

/** Opens the link, approves, waits `dwellMs`, confirms; resolves to the confirmation page. */
export async function approveThroughPage(
  link: string,
  dwellMs: number,
): Promise<{ status: number; html: string }> {
  const page = await fetch(link, { redirect: 'manual' });
  const first = await page.text();
  const chosen = await post(link, {
    nonce: hiddenField(first, 'nonce'),
    step: 'choose',
    decision: 'approve',
    comment: '',
  });
  await new Promise((r) => setTimeout(r, dwellMs));
  return post(link, {
    nonce: hiddenField(chosen.html, 'nonce'),
    step: 'confirm',
    decision: 'approve',
    comment: '',
  });
}

export interface MailboxApproverOptions {
  /** The approver whose links are followed. */
  readonly approver: string;
  /** Wait between choosing and confirming (the policy's minimum dwell plus a margin). */
  readonly dwellMs: number;
  /** @default 500 */
  readonly pollMs?: number;
}

/** Approves every new link sent to one approver until stopped; each link is followed once. */
export class MailboxApprover {
  readonly decisions: DecisionRecord[] = [];
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly links: () => Promise<readonly ApprovalLink[]>,
    private readonly options: MailboxApproverOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops polling and waits for the decisions in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    await Promise.all([...this.inFlight]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => this.schedule());
    }, this.options.pollMs ?? 500);
  }

  private async poll(): Promise<void> {
    let links: readonly ApprovalLink[];
    try {
      links = await this.links();
    } catch {
      return; // The mailbox is busy or stopping; the next poll tries again.
    }
    for (const { to, link, subject } of links) {
      if (to !== this.options.approver || this.seen.has(link)) continue;
      this.seen.add(link);
      const decision = this.decide(link, subject).finally(() => this.inFlight.delete(decision));
      this.inFlight.add(decision);
    }
  }

  private async decide(link: string, subject: string): Promise<void> {
    try {
      const page = await approveThroughPage(link, this.options.dwellMs);
      const ok = page.status === 200 && /approved/i.test(page.html);
      this.decisions.push({ link, subject, ok, detail: `HTTP ${page.status}`, decidedAt: Date.now() });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.decisions.push({ link, subject, ok: false, detail, decidedAt: Date.now() });
    }
  }
}
