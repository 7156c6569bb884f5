import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { SessionRequest } from '../../identity/signed-in.ts';
import { proxyBody, proxyHeader } from '../../shared/proxy-event.ts';
import { type InboxRoute, inboxRouteOf, type TaskAction, taskActions } from '../routes.ts';

/** An inbox request, reduced to what the inbox needs: never logged (cookies). */
export interface InboxRequest {
  readonly route: InboxRoute;
  readonly method: string;
  readonly session: SessionRequest;
  readonly query: Readonly<Record<string, string>>;
  /** Form fields or JSON members, each as a list of texts (a form repeats `task`). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** A JSON body or `Accept: application/json`: answer in JSON, else with a page. */
  readonly json: boolean;
  /** The CSRF token: the `X-CSRF-Token` header, else the form's `csrf` field. */
  readonly csrf: string | undefined;
  readonly taskId?: string;
  readonly action?: TaskAction;
}

const maxBody = 16 * 1024;
const idPattern = /^[A-Za-z0-9_-]{10,64}$/;

function cookiesOf(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!(name in cookies)) cookies[name] = part.slice(at + 1).trim();
  }
  return cookies;
}

function fieldsOf(raw: string, json: boolean): Record<string, string[]> | undefined {
  const fields: Record<string, string[]> = {};
  if (!json) {
    for (const [key, value] of new URLSearchParams(raw)) fields[key] = [...(fields[key] ?? []), value];
    return fields;
  }
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : {};
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  for (const [key, value] of Object.entries(parsed)) {
    const list = Array.isArray(value) ? value : [value];
    fields[key] = list.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  }
  return fields;
}

/** Parses an inbox route's proxy event; undefined for anything malformed (an unknown action, a body too big). */
export function parseInboxRequest(event: APIGatewayProxyEvent): InboxRequest | undefined {
  const route = inboxRouteOf(event.resource);
  if (!route) return undefined;
  const header = (name: string) => proxyHeader(event, name);
  const raw = proxyBody(event);
  if (raw.length > maxBody) return undefined;
  const jsonBody = header('content-type').toLowerCase().startsWith('application/json');
  const fields = event.httpMethod.toUpperCase() === 'POST' ? fieldsOf(raw, jsonBody) : {};
  if (!fields) return undefined;
  const taskId = event.pathParameters?.taskId;
  const action = event.pathParameters?.action;
  if (
    route === 'task' &&
    !(taskId && idPattern.test(taskId) && (taskActions as readonly string[]).includes(action ?? ''))
  )
    return undefined;
  return {
    route,
    method: event.httpMethod.toUpperCase(),
    session: {
      cookies: cookiesOf(header('cookie')),
      client: {
        ip: event.requestContext?.identity?.sourceIp ?? 'unknown',
        userAgent: header('user-agent').slice(0, 300),
      },
    },
    query: Object.fromEntries(
      Object.entries(event.queryStringParameters ?? {}).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    ),
    fields,
    json: jsonBody || header('accept').toLowerCase().includes('application/json') || route === 'list',
    csrf: header('x-csrf-token') || fields.csrf?.[0] || undefined,
    ...(route === 'task' ? { taskId, action: action as TaskAction } : {}),
  };
}
