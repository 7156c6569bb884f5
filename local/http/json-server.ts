import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackOnly } from './loopback-guard.ts';

/** A request body above what the endpoint reads: answered 413, which no retry fixes. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body too large: this endpoint reads at most ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body, refusing anything over `limit` bytes with a BodyTooLargeError. A refused body
 * is drained, not cut off, so the caller gets the 413 instead of a broken pipe.
 */
export function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const refuse = () => {
      req.removeListener('data', collect);
      req.resume();
      reject(new BodyTooLargeError(limit));
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refuse();
      else chunks.push(chunk);
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuse();
    req.on('data', collect);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface Listening {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 only, on the given port (0: an ephemeral one), and answers only requests
 * addressed to this machine (loopback-guard.ts: a page elsewhere must not reach it by DNS rebinding).
 */
export async function listenLoopback(
  serve: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  port = 0,
): Promise<Listening> {
  const handler = loopbackOnly(serve);
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent)
        res.writeHead(error instanceof BodyTooLargeError ? 413 : 500, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : 'internal error');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
