import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as forward } from 'node:http';
import { pipeline } from 'node:stream';

/**
 * Sends a request on to `to` and streams the answer back. The request body is streamed as it arrives
 * (no size is capped here: S3 takes single PUTs up to 5 GB), or sent from `body` when the caller had
 * to read it first. A target that cannot be reached answers 502. Either side going away ends the
 * other, so nothing stays open. Resolves once the exchange has ended, however it ended.
 */
export function passThrough(
  to: URL,
  req: IncomingMessage,
  res: ServerResponse,
  body?: Buffer,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const out = forward({
      hostname: to.hostname,
      port: to.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: to.host },
    });
    out.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      // pipeline destroys both streams when either fails, so no answer is left paused upstream.
      pipeline(answer, res, () => resolve());
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else if (!res.writableFinished) res.destroy();
      resolve();
    });
    // The caller gone (a stopped function, a stopped runtime): the forwarded request ends with it.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
      resolve();
    });
    if (body) out.end(body);
    else pipeline(req, out, () => undefined);
  });
}
