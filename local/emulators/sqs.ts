import { buildApp } from 'fauxqs';
import type { Listening } from '../http/json-server.ts';
import { guardServer } from '../http/loopback-guard.ts';

/**
 * SQS and SNS on loopback (fauxqs, in memory), bound to 127.0.0.1 here (its own start function listens
 * on every interface). Its queue URLs named `sqs.<region>.localhost`, which does not resolve here and
 * which SDK clients without an explicit endpoint call (a deferral's ChangeMessageVisibility failed, so
 * deferred work waited a whole visibility timeout). With an empty host (patches/fauxqs) a URL names
 * the address its queue was created at, and a queue is found by its URL's path (/<account>/<name>)
 * whatever host the URL names, so a function can be handed its queue URLs on the endpoint it calls.
 */
export async function startSqs(): Promise<Listening> {
  const app = buildApp({ logger: false, host: '' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  guardServer(app.server);
  return { server: app.server, url: url.replace('localhost', '127.0.0.1'), close: () => app.close() };
}
