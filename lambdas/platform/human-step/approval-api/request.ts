import type { APIGatewayProxyEvent } from 'aws-lambda';
import { parseCookies } from '../../identity/cookies.ts';
import { proxyBody, proxyHeader } from '../../shared/proxy-event.ts';

/** An approval page request, reduced to what the decision logic needs. */
export interface PageRequest {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly approvalId: string;
  readonly secret: string;
  readonly form: Readonly<Record<string, string>>;
  readonly client: { readonly ip: string; readonly userAgent: string };
  /** The request's cookies (the session's); never logged. */
  readonly cookies: Readonly<Record<string, string>>;
  /** The approval API's own domain (API Gateway's requestContext.domainName): the passkeys' relying party. */
  readonly domainName: string;
}

const idPattern = /^[A-Za-z0-9_-]{10,64}$/;
// A form's rows (segments, candidates) may post more than a choice and a comment.
export const maxPageBody = 64 * 1024;

/** Parses the API Gateway proxy event; undefined for anything that is not a well-formed page request. */
export function parsePageRequest(event: APIGatewayProxyEvent): PageRequest | undefined {
  const method = event.httpMethod.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return undefined;
  const approvalId = event.pathParameters?.approvalId ?? '';
  const secret = event.pathParameters?.secret ?? '';
  if (!idPattern.test(approvalId) || !idPattern.test(secret)) return undefined;
  const raw = proxyBody(event);
  if (raw.length > maxPageBody) return undefined;
  const form: Record<string, string> = {};
  if (method === 'POST') {
    for (const [key, value] of new URLSearchParams(raw)) if (!(key in form)) form[key] = value;
  }
  const header = (name: string) => proxyHeader(event, name);
  return {
    method,
    approvalId,
    secret,
    form,
    client: {
      ip: event.requestContext?.identity?.sourceIp ?? 'unknown',
      userAgent: header('user-agent').slice(0, 300),
    },
    cookies: parseCookies(header('cookie')),
    domainName: event.requestContext?.domainName ?? '',
  };
}
