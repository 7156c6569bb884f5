import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  maxPageBody,
  parsePageRequest,
} from '../../../../../lambdas/platform/human-step/approval-api/request.ts';
import { approvalIdFor, newLinkSecret } from '../../../../../lambdas/platform/human-step/secrets.ts';

const approvalId = 'AbCdEfGhIjKlMnOpQrStUv';
const secret = 'secret_0123456789-abcdefghijklmnopqrstuvwxyzABC';

/** The parts of API Gateway's proxy event the parser reads; the rest does not matter to it. */
function apiEvent(overrides: {
  method?: string;
  pathParameters?: Record<string, string> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string>;
  sourceIp?: string;
}): APIGatewayProxyEvent {
  return {
    httpMethod: overrides.method ?? 'GET',
    pathParameters:
      overrides.pathParameters === undefined ? { approvalId, secret } : overrides.pathParameters,
    body: overrides.body ?? null,
    isBase64Encoded: overrides.isBase64Encoded ?? false,
    headers: overrides.headers ?? { 'User-Agent': 'Mozilla/5.0 (test)' },
    requestContext: {
      domainName: 'approvals.example.com',
      identity: { sourceIp: overrides.sourceIp ?? '198.51.100.7' },
    },
  } as unknown as APIGatewayProxyEvent;
}

describe('parsePageRequest', () => {
  it('reads a GET: ids from the path, who from where, no form', () => {
    // Act
    const request = parsePageRequest(
      apiEvent({
        body: 'decision=approve',
        headers: { 'User-Agent': 'Mozilla/5.0 (test)', Cookie: 'tower_session=abc; other=1' },
      }),
    );

    // Assess
    expect(request).toEqual({
      method: 'GET',
      approvalId,
      secret,
      form: {},
      client: { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 (test)' },
      cookies: { tower_session: 'abc', other: '1' },
      domainName: 'approvals.example.com',
    });
  });

  it.each([
    ['GET', 'GET'],
    ['HEAD', 'HEAD'],
    ['POST', 'POST'],
    ['post', 'POST'],
  ])('accepts %s', (method, expected) => {
    expect(parsePageRequest(apiEvent({ method }))?.method).toBe(expected);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', ''])('refuses %j', (method) => {
    expect(parsePageRequest(apiEvent({ method }))).toBeUndefined();
  });

  it.each([
    ['a short approval id', { approvalId: 'short', secret }],
    ['a long approval id', { approvalId: 'a'.repeat(65), secret }],
    ['an approval id with a dot', { approvalId: '../../etc/passwd', secret }],
    ['an approval id with a percent sign', { approvalId: 'abc%2Fdefghij', secret }],
    ['a short secret', { approvalId, secret: 'abc' }],
    ['a secret with spaces', { approvalId, secret: 'secret with spaces' }],
    ['a missing secret', { approvalId }],
    ['a missing approval id', { secret }],
  ])('refuses %s', (_name, pathParameters) => {
    expect(parsePageRequest(apiEvent({ pathParameters }))).toBeUndefined();
  });

  it('refuses a request without path parameters', () => {
    expect(parsePageRequest(apiEvent({ pathParameters: null }))).toBeUndefined();
  });

  it('accepts the ids Tower itself mints', () => {
    const minted = {
      approvalId: approvalIdFor('arn:aws:states:x:1:execution:m:e', 'approval'),
      secret: newLinkSecret(),
    };
    expect(parsePageRequest(apiEvent({ pathParameters: minted }))).toMatchObject(minted);
  });

  it('reads a form-encoded POST body', () => {
    // Act
    const request = parsePageRequest(
      apiEvent({ method: 'POST', body: 'step=confirm&decision=reject&comment=Wrong+amount+%26+no+PO' }),
    );

    // Assess
    expect(request?.form).toEqual({ step: 'confirm', decision: 'reject', comment: 'Wrong amount & no PO' });
  });

  it('decodes a base64 body', () => {
    // Prepare
    const body = Buffer.from('step=choose&decision=approve&comment=%C3%9Cberpr%C3%BCft').toString('base64');

    // Act
    const request = parsePageRequest(apiEvent({ method: 'POST', body, isBase64Encoded: true }));

    // Assess
    expect(request?.form).toEqual({ step: 'choose', decision: 'approve', comment: 'Überprüft' });
  });

  it('keeps the first value of a repeated field, so an appended value cannot override the form', () => {
    const request = parsePageRequest(apiEvent({ method: 'POST', body: 'decision=reject&decision=approve' }));
    expect(request?.form.decision).toBe('reject');
  });

  it.each([
    ['at the limit', maxPageBody, true],
    ['one over the limit', maxPageBody + 1, false],
  ])('takes a body %s', (_name, length, accepted) => {
    const body = `comment=${'x'.repeat(length - 'comment='.length)}`;
    expect(parsePageRequest(apiEvent({ method: 'POST', body })) !== undefined).toBe(accepted);
  });

  it('measures the size limit after base64 decoding', () => {
    const body = Buffer.from(`comment=${'x'.repeat(maxPageBody)}`).toString('base64');
    expect(parsePageRequest(apiEvent({ method: 'POST', body, isBase64Encoded: true }))).toBeUndefined();
  });

  it('finds the user agent whatever its case and keeps at most 300 characters', () => {
    expect(parsePageRequest(apiEvent({ headers: { 'user-agent': 'lower' } }))?.client.userAgent).toBe(
      'lower',
    );
    expect(
      parsePageRequest(apiEvent({ headers: { 'USER-AGENT': 'u'.repeat(500) } }))?.client.userAgent,
    ).toHaveLength(300);
  });

  it('reads an unknown client as unknown', () => {
    // Prepare
    const event = { ...apiEvent({ headers: {} }), requestContext: {} } as unknown as APIGatewayProxyEvent;

    // Act
    const request = parsePageRequest(event);

    // Assess
    expect(request?.client).toEqual({ ip: 'unknown', userAgent: '' });
  });
});
