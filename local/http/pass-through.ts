import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as forward } from 'node:http';

/**
 * Sends a request already read (`body`) on to `to` and streams the answer back; a target that cannot
 * be reached answers 502. Resolves once the answer has been passed on.
 */
export function passThrough(to: URL, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  return new Promise<void>((resolve) => {
    const out = forward(
      {
        hostname: to.hostname,
        port: to.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve());
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
      resolve();
    });
    out.end(body);
  });
}
