/** What a person's browser does on the approval page, without the browser: open, choose, confirm. */

export interface Page {
  readonly status: number;
  readonly html: string;
}

export async function open(link: string): Promise<Page> {
  const res = await fetch(link, { redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

export async function post(link: string, fields: Record<string, string>): Promise<Page> {
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'tower-reliability' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

/** Opens the page and chooses; resolves to the confirm step's nonce, or undefined when no choice is offered. */
export async function choose(link: string, decision: 'approve' | 'reject'): Promise<string | undefined> {
  const first = await open(link);
  const nonce = hiddenField(first.html, 'nonce');
  if (!nonce) return undefined;
  const chosen = await post(link, { nonce, step: 'choose', decision, comment: '' });
  return hiddenField(chosen.html, 'nonce');
}

export function confirm(link: string, nonce: string, decision: 'approve' | 'reject'): Promise<Page> {
  return post(link, { nonce, step: 'confirm', decision, comment: '' });
}

/**
 * Pages that tell the clicker an approval took effect because of this click, in the approval API's
 * wording (pages.ts: applied, recordedPending, voteRecorded); a unit test holds the two together.
 */
export function claimsApproved(page: Page): boolean {
  return (
    page.html.includes('It is approved. Thank you') ||
    page.html.includes('Your decision is recorded: it is approved') ||
    page.html.includes('Your decision to approve is recorded')
  );
}

/** Opens, chooses, waits the dwell, confirms: one person deciding once. */
export async function decide(link: string, decision: 'approve' | 'reject', dwellMs: number): Promise<Page> {
  const nonce = await choose(link, decision);
  if (!nonce) return open(link);
  await new Promise((r) => setTimeout(r, dwellMs));
  return confirm(link, nonce, decision);
}
