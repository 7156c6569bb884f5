import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../lambdas/platform/human-step/approval-api/layout.ts';
import { serveInbox } from '../../../../lambdas/platform/inbox/api/handler.ts';
import { fakeSessions, inboxWorld, tasks } from './support.ts';

function event(
  resource: string,
  method: string,
  options: {
    cookie?: string;
    body?: string;
    json?: boolean;
    csrf?: string;
    path?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEvent {
  return {
    resource,
    httpMethod: method,
    headers: {
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...(options.json
        ? { 'Content-Type': 'application/json' }
        : { 'Content-Type': 'application/x-www-form-urlencoded' }),
      ...(options.csrf ? { 'X-CSRF-Token': options.csrf } : {}),
    },
    body: options.body ?? null,
    isBase64Encoded: false,
    pathParameters: options.path ?? null,
    queryStringParameters: options.query ?? null,
    requestContext: { identity: { sourceIp: '203.0.113.4' } },
  } as unknown as APIGatewayProxyEvent;
}

const world = () => {
  const w = inboxWorld(tasks(2));
  return { ...w, api: { ...w.deps, sessions: fakeSessions } };
};

describe('the inbox API and page', () => {
  it('refuses a request without a session', async () => {
    const w = world();
    expect((await serveInbox(w.api, event('/api/tasks', 'GET'))).statusCode).toBe(401);
    expect((await serveInbox(w.api, event('/inbox', 'GET'))).statusCode).toBe(401);
  });

  it('lists the tasks as JSON, filtered by the query', async () => {
    const w = world();
    const out = await serveInbox(
      w.api,
      event('/api/tasks', 'GET', { cookie: 'session=ann@example.com', query: { sort: 'priority' } }),
    );
    expect(out.statusCode).toBe(200);
    expect(JSON.parse(out.body).tasks.map((t: { id: string }) => t.id)).toEqual([
      'task-000000',
      'task-000001',
    ]);
  });

  it('refuses every POST without the session’s CSRF token, writing nothing', async () => {
    const w = world();
    const claim = (csrf?: string) =>
      serveInbox(
        w.api,
        event('/api/tasks/{taskId}/{action}', 'POST', {
          cookie: 'session=gus@example.com',
          path: { taskId: 'task-000000', action: 'claim' },
          json: true,
          body: '{}',
          ...(csrf ? { csrf } : {}),
        }),
      );
    expect((await claim()).statusCode).toBe(403);
    expect((await claim('csrf-ann@example.com')).statusCode).toBe(403);
    expect(w.events()).toHaveLength(0);
    expect((await claim('csrf-gus@example.com')).statusCode).toBe(200);
    expect(w.events('TASK_CLAIMED')).toHaveLength(1);
  });

  it('decides selected tasks from the page’s form, one result line each', async () => {
    const w = world();
    const body = new URLSearchParams([
      ['csrf', 'csrf-ann@example.com'],
      ['task', 'task-000000'],
      ['task', 'task-000001'],
      ['choice', 'approve'],
    ]);
    const out = await serveInbox(
      w.api,
      event('/api/decisions', 'POST', { cookie: 'session=ann@example.com', body: body.toString() }),
    );
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('task-000000: recorded (APPROVED)');
    expect(out.body).toContain('href="../inbox"');
    expect(w.events('VOTE_RECORDED')).toHaveLength(2);
  });

  it('renders the page with the house CSP, no script, and the CSRF token in its forms', async () => {
    const w = world();
    const out = await serveInbox(w.api, event('/inbox', 'GET', { cookie: 'session=ann@example.com' }));
    expect(out.statusCode).toBe(200);
    expect(out.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(out.body).not.toMatch(/<script/i);
    expect(out.body).toContain('name="csrf" value="csrf-ann@example.com"');
    expect(out.body).toContain('name="task" value="task-000000"');
  });

  it('refuses malformed requests: an unknown action, a body that is not JSON', async () => {
    const w = world();
    const bad = await serveInbox(
      w.api,
      event('/api/tasks/{taskId}/{action}', 'POST', {
        cookie: 'session=gus@example.com',
        path: { taskId: 'task-000000', action: 'approve' },
      }),
    );
    expect(bad.statusCode).toBe(400);
    const notJson = await serveInbox(
      w.api,
      event('/api/delegations', 'POST', { cookie: 'session=ann@example.com', json: true, body: '{' }),
    );
    expect(notJson.statusCode).toBe(400);
  });
});
