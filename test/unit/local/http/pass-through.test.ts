import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listenLoopback, readBody } from '../../../../local/http/json-server.ts';
import { passThrough } from '../../../../local/http/pass-through.ts';

const servers: Listening[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const listen = async (handler: Parameters<typeof listenLoopback>[0]) => {
  const server = await listenLoopback(handler);
  servers.push(server);
  return server;
};
const proxyTo = (upstream: Listening) => listen((req, res) => passThrough(new URL(upstream.url), req, res));

/** Sends `size` bytes in 1 MiB writes; resolves with the status and the body's length, or the error code. */
function send(url: string, size: number): Promise<{ status?: number; received?: number; error?: string }> {
  return new Promise((resolve) => {
    const out = request(
      `${url}/object`,
      { method: 'PUT', headers: { 'content-length': String(size) } },
      (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode, received }));
      },
    );
    out.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    const block = Buffer.alloc(1024 * 1024, 1);
    for (let sent = 0; sent < size; sent += block.length)
      out.write(block.subarray(0, Math.min(block.length, size - sent)));
    out.end();
  });
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);

describe('passThrough', () => {
  it('streams a body larger than any buffer it used to cap (64 MiB) to the target unchanged in length', async () => {
    // Prepare
    const upstream = await listen(async (req, res) => {
      let size = 0;
      for await (const chunk of req) size += (chunk as Buffer).length;
      res.writeHead(200).end(String(size));
    });
    const proxy = await proxyTo(upstream);
    // Act
    const answer = await send(proxy.url, 64 * 1024 * 1024);
    // Assess
    expect(answer).toEqual({ status: 200, received: String(64 * 1024 * 1024).length });
  });

  it('ends the answer it was streaming upstream when the caller goes away, leaving nothing open', async () => {
    // Prepare: an answer that never ends on its own, as a large object read nobody consumes
    let upstreamClosed!: () => void;
    const closed = new Promise<'closed'>((resolve) => {
      upstreamClosed = () => resolve('closed');
    });
    const upstream = await listen((_req, res) => {
      res.writeHead(200);
      const block = Buffer.alloc(64 * 1024, 2);
      const timer = setInterval(() => res.write(block), 5);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClosed();
      });
    });
    const proxy = await proxyTo(upstream);
    // Act: read a little, then go away
    await new Promise<void>((resolve) => {
      const get = request(`${proxy.url}/object`, (res) => {
        res.once('data', () => {
          get.destroy();
          resolve();
        });
      });
      get.on('error', () => undefined);
      get.end();
    });
    // Assess
    expect(await within(closed, 5000)).toBe('closed');
  });

  it('answers 502 when the target cannot be reached', async () => {
    const gone = await listen((_req, res) => {
      res.end();
    });
    const proxy = await proxyTo(gone);
    await gone.close();
    expect(await send(proxy.url, 10)).toMatchObject({ status: 502 });
  });
});

describe('readBody', () => {
  it('answers a body over its limit with 413 after draining it, not a broken pipe', async () => {
    // Prepare
    const server = await listen(async (req, res) => {
      const body = await readBody(req, 1024 * 1024);
      res.end(String(body.length));
    });
    // Act
    const answer = await send(server.url, 8 * 1024 * 1024);
    // Assess
    expect(answer.status).toBe(413);
  });
});
