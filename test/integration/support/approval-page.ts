/** A minimal client for the approval page: what a person's browser does, without the browser. */
export interface Page {
  readonly status: number;
  readonly html: string;
}

export async function open(link: string, method: 'GET' | 'HEAD' = 'GET'): Promise<Page> {
  const res = await fetch(link, { method, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} field on the page`);
  return match[1];
}

export async function post(
  link: string,
  fields: Record<string, string>,
  userAgent = 'integration-test',
): Promise<Page> {
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

/** Opens the link, chooses (a choice id: `approve`, `reject`, or the process's own), waits the dwell time, confirms. */
export async function decide(
  link: string,
  decision: string,
  dwellMs: number,
  extra: Record<string, string> = {},
): Promise<Page> {
  const first = await open(link);
  const chosen = await post(link, {
    nonce: hiddenField(first.html, 'nonce'),
    step: 'choose',
    decision,
    comment: extra.comment ?? '',
  });
  await new Promise((r) => setTimeout(r, dwellMs));
  return post(link, {
    nonce: hiddenField(chosen.html, 'nonce'),
    step: 'confirm',
    decision,
    comment: extra.comment ?? '',
    ...extra,
  });
}
