import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Listening, listenLoopback, readBody } from '../http/json-server.ts';
import { type Actions, actions, type Request } from './api-actions.ts';
import { ServiceError } from './errors.ts';
import type { LocalStepFunctions } from './service.ts';

export { actions };

/**
 * Serves the local Step Functions on loopback: `AWS_ENDPOINT_URL_SFN` points SDK clients here. The
 * service may be bound after the server listens (functions need the endpoint before machines exist).
 */
export function startStepFunctionsApi(
  sfn: LocalStepFunctions | (() => LocalStepFunctions),
  port = 0,
): Promise<Listening> {
  let table: Actions | undefined;
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    table ??= actions(typeof sfn === 'function' ? sfn() : sfn);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
    };
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AWSStepFunctions.')
      ? table[target.slice('AWSStepFunctions.'.length)]
      : undefined;
    if (req.method !== 'POST' || !action)
      return reply(400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
    try {
      const text = (await readBody(req)).toString('utf8');
      reply(200, action(text ? (JSON.parse(text) as Request) : {}));
    } catch (error) {
      if (error instanceof ServiceError)
        return reply(error.statusCode, { __type: error.type, message: error.message });
      reply(500, {
        __type: 'InternalServerError',
        message: error instanceof Error ? error.message : 'internal error',
      });
    }
  }, port);
}
