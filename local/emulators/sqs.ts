import { buildApp } from 'fauxqs';
import type { Listening } from '../http/json-server.ts';
import { guardServer } from '../http/loopback-guard.ts';

/**
 * SQS and SNS on loopback (fauxqs, in memory). Its own start function listens on every interface,
 * so the app is built and bound to 127.0.0.1 here; queue URLs then name 127.0.0.1, which resolves.
 */
export async function startSqs(): Promise<Listening> {
  const app = buildApp({ logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  guardServer(app.server);
  return { server: app.server, url: url.replace('localhost', '127.0.0.1'), close: () => app.close() };
}
