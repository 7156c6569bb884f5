import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A host name that only ever means this machine: 127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761). */
function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

function hostnameOf(authority: string): string | undefined {
  try {
    return new URL(`http://${authority}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Why a browser's request must be refused, or undefined when it may be served. A page on another site
 * that rebinds its DNS name to 127.0.0.1 reaches a loopback server with its own name in `Host`
 * (DNS rebinding); a page that posts across sites names itself in `Origin`. `Origin: null` passes:
 * pages served with `Referrer-Policy: no-referrer` send it with their own form posts.
 */
export function loopbackRefusal(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host;
  const hostname = host === undefined ? undefined : hostnameOf(host);
  if (hostname === undefined || !isLoopbackName(hostname))
    return `Host ${JSON.stringify(host ?? '')} is not this machine`;
  const origin = headers.origin;
  if (origin === undefined || origin === 'null') return undefined;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).hostname;
  } catch {
    originHost = undefined;
  }
  if (originHost === undefined || !isLoopbackName(originHost))
    return `Origin ${JSON.stringify(origin)} is not this machine`;
  return undefined;
}

function refuse(res: ServerResponse, why: string): void {
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `Refused: ${why}. Tower's local endpoints answer only requests addressed to 127.0.0.1 or localhost ` +
      '(a page elsewhere must not reach them through DNS rebinding).\n',
  );
}

/** `handler`, answering 403 to any request whose `Host` or `Origin` is not this machine. */
export function loopbackOnly(handler: Handler): Handler {
  return (req, res) => {
    const why = loopbackRefusal(req.headers);
    if (why) return refuse(res, why);
    return handler(req, res);
  };
}

/** Puts the same check in front of a server someone else created (an emulator from npm). */
export function guardServer(server: Server): void {
  const listeners = server.listeners('request') as Handler[];
  server.removeAllListeners('request');
  const guarded = loopbackOnly((req, res) => {
    for (const listener of listeners) void listener(req, res);
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void guarded(req, res));
}
