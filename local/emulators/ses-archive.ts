import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type Listening, listenLoopback, readBody } from '../http/json-server.ts';

/** One sent message as aws-ses-v2-local stores it (the shape its `/store` answers). */
export interface StoredEmail {
  readonly messageId: string;
  readonly at: number;
  readonly [field: string]: unknown;
}

const fileName = 'sent-mail.jsonl';

/** The messages archived in `dir`; a line cut off by a kill is skipped (its send was never answered). */
export function readArchive(dir: string): StoredEmail[] {
  const path = join(dir, fileName);
  if (!existsSync(path)) return [];
  const emails: StoredEmail[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      emails.push(JSON.parse(line) as StoredEmail);
    } catch {
      // A partial last line: the process died while writing it, before the sender got its answer.
    }
  }
  return emails;
}

/** Whether a request is a send (SES v2 SendEmail/SendBulkEmail, or v1's form-encoded Action). */
function isSend(method: string, path: string, body: Buffer): boolean {
  if (method !== 'POST') return false;
  if (path === '/v2/email/outbound-emails' || path === '/v2/email/outbound-bulk-emails') return true;
  return path === '/' && /(^|&)Action=Send(Raw)?Email(&|$)/.test(body.toString('utf8'));
}

/** The message ids of a send's answer: v2 answers JSON, v1 XML. */
function messageIds(answer: string): string[] {
  const ids = new Set<string>();
  for (const match of answer.matchAll(/"MessageId"\s*:\s*"([^"]+)"|<MessageId>([^<]+)<\/MessageId>/g))
    ids.add(match[1] ?? match[2] ?? '');
  ids.delete('');
  return [...ids];
}

async function forward(
  upstream: string,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Headers; text: string }> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'host' || name === 'content-length' || name === 'connection')
      continue;
    headers.set(name, Array.isArray(value) ? value.join(',') : value);
  }
  const answer = await fetch(`${upstream}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
  });
  return { status: answer.status, headers: answer.headers, text: await answer.text() };
}

/**
 * The local SES's mailbox on disk, in front of aws-ses-v2-local (which keeps mail in memory): a send is
 * answered only once its message is appended under `dir`, so mail SES accepted outlives a kill -9 as it
 * would on AWS, and `/store` answers every message this data directory has sent, across restarts.
 */
export async function startSesArchive(upstream: string, dir: string): Promise<Listening> {
  mkdirSync(dir, { recursive: true });
  const archived = readArchive(dir);
  const known = new Set(archived.map((e) => e.messageId));
  const archive = (email: StoredEmail) => {
    if (known.has(email.messageId)) return;
    appendFileSync(join(dir, fileName), `${JSON.stringify(email)}\n`);
    known.add(email.messageId);
    archived.push(email);
  };
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname === '/store') {
      const since = Number(url.searchParams.get('since') ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ templates: {}, emails: archived.filter((e) => e.at >= since) }));
      return;
    }
    const body = await readBody(req, 40 * 1024 * 1024);
    const startedAt = Math.floor(Date.now() / 1000) - 1;
    const answer = await forward(upstream, req, body);
    if (answer.status === 200 && isSend(method, url.pathname, body)) {
      const ids = new Set(messageIds(answer.text));
      const stored = await fetch(`${upstream}/store?since=${startedAt}`);
      const { emails } = (await stored.json()) as { emails: StoredEmail[] };
      for (const email of emails) if (ids.has(email.messageId)) archive(email);
    }
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding')
        headers[name] = value;
    });
    res.writeHead(answer.status, headers);
    res.end(answer.text);
  });
}
