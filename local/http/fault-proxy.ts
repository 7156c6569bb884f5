import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Listening, listenLoopback } from './json-server.ts';
import { passThrough } from './pass-through.ts';

/**
 * A loopback proxy in front of a local service that fails a configurable share of requests with a
 * 503 ServiceUnavailable, as AWS endpoints sometimes do; the rest pass through unchanged.
 */
export function startFaultProxy(
  target: string,
  failureRate: () => number,
  random: () => number = Math.random,
): Promise<Listening> {
  const to = new URL(target);
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    // The body is never read here: a failed request's is drained by the server, the rest stream on.
    if (random() < failureRate()) {
      res.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailable' });
      res.end(
        JSON.stringify({ __type: 'ServiceUnavailable', message: 'injected fault: service unavailable' }),
      );
      return;
    }
    await passThrough(to, req, res);
  });
}
