import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackOnly } from './loopback-guard.ts';

/** Reads a request body, refusing anything over `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
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
