import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Listening, listenLoopback, readBody } from '../http/json-server.ts';
import { passThrough } from '../http/pass-through.ts';
import { denialMessage, denialResponse } from './denials.ts';
import { type IamEvaluator, sessionArnOf } from './evaluator.ts';
import { roleOfSessionToken, sessionTokenOf } from './identity.ts';
import { type RequestMapping, requiredCalls } from './request-actions.ts';
import {
  bodyNeeded,
  type EndpointRequest,
  type MappingScope,
  type RequiredCall,
  type ServiceName,
} from './requests.ts';

/**
 * The largest body read for evaluation: above every request these JSON and query APIs take (the largest,
 * SES v2's 40 MB message, base64-encoded once more in its JSON); larger ones are answered 413.
 */
export const evaluatedBodyLimit = 64 * 1024 * 1024;

/** Authorises one request of a role: every required call, the first denial answering as the service does. */
export async function authorizeRequest(
  evaluator: IamEvaluator,
  service: ServiceName,
  roleArn: string,
  request: EndpointRequest,
  scope: MappingScope,
  mappings?: Readonly<Record<string, RequestMapping>>,
): Promise<{ denied: RequiredCall; message: string } | undefined> {
  for (const call of requiredCalls(service, request, scope, mappings)) {
    const via = call.kind === 'kms' ? `${service} on the caller's behalf` : 'handler';
    let reason: string | undefined;
    let allowed = false;
    for (const resource of call.anyOf ?? [call.resource]) {
      const verdict = await evaluator.authorize({
        principal: roleArn,
        action: call.action,
        resource,
        context: call.context,
        via,
      });
      if (verdict.allowed) {
        allowed = true;
        break;
      }
      reason ??= verdict.reason;
    }
    if (!allowed) return { denied: call, message: denialMessage(sessionArnOf(roleArn), call, reason) };
  }
  return undefined;
}

/**
 * A loopback proxy in front of a local service endpoint that evaluates every call a function makes
 * (identified by its session token) against the template's policies before passing it on.
 */
export function startIamProxy(
  target: string,
  service: ServiceName,
  evaluator: IamEvaluator,
  scope: MappingScope,
  mappings?: Readonly<Record<string, RequestMapping>>,
): Promise<Listening> {
  const to = new URL(target);
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    // S3 objects stream through: only the small bodies the evaluation reads are held here.
    const body = bodyNeeded(service, method, url) ? await readBody(req, evaluatedBodyLimit) : undefined;
    const request: EndpointRequest = { method, url, headers: req.headers, body: body ?? Buffer.alloc(0) };
    let roleArn: string | undefined;
    try {
      roleArn = roleOfSessionToken(sessionTokenOf(req.headers, request.url));
    } catch (error) {
      const denial = denialResponse(
        service,
        { action: 'sts:Session', resource: '*' },
        (error as Error).message,
      );
      res.writeHead(403, denial.headers).end(denial.body);
      return;
    }
    if (roleArn !== undefined) {
      const outcome = await authorizeRequest(evaluator, service, roleArn, request, scope, mappings);
      if (outcome) {
        const denial = denialResponse(service, outcome.denied, outcome.message);
        res.writeHead(denial.status, denial.headers);
        res.end(request.method.toUpperCase() === 'HEAD' ? undefined : denial.body);
        return;
      }
    }
    await passThrough(to, req, res, body);
  });
}
