import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { DecideDeps } from '../../human-step/approval-api/caller.ts';
import { type PageResponse, page, securityHeaders } from '../../human-step/approval-api/layout.ts';
import type { SessionReader } from '../../identity/signed-in.ts';
import type { Actor, InboxDeps } from '../actor.ts';
import { claimTask, reassignTask, releaseTask } from '../claims.ts';
import { decideTasks } from '../decide.ts';
import { delegate } from '../delegations.ts';
import { groupsOfPerson, inboxOf } from '../list.ts';
import { inboxRouteOf } from '../routes.ts';
import { type InboxQuery, inboxSort } from '../view.ts';
import { inboxPage, resultPage } from './page.ts';
import { type InboxRequest, parseInboxRequest } from './request.ts';

export type InboxApiDeps = InboxDeps & DecideDeps & { readonly sessions: SessionReader };

const jsonHeaders = { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' };
const json = (statusCode: number, body: unknown): PageResponse => ({
  statusCode,
  headers: jsonHeaders,
  body: JSON.stringify(body),
});

function queryOf(request: InboxRequest): InboxQuery {
  const q = request.query;
  return {
    ...(q.process ? { process: q.process } : {}),
    ...(q.group ? { group: q.group } : {}),
    ...(q.overdue === '1' || q.overdue === 'true' ? { overdue: true } : {}),
    ...(inboxSort(q.sort) ? { sort: inboxSort(q.sort) } : {}),
  };
}

/** From a POST route back to the page, relative to where the form posted. */
const backTo = (request: InboxRequest) => (request.route === 'task' ? '../../../inbox' : '../inbox');

/** Serves the inbox's routes for a signed-in person; every POST must carry the session's CSRF token. */
export async function serveInbox(deps: InboxApiDeps, event: APIGatewayProxyEvent): Promise<PageResponse> {
  const request = parseInboxRequest(event);
  if (!request) return json(400, { error: 'malformed request' });
  const person = await deps.sessions.signedIn(request.session);
  if (!person)
    return request.json
      ? json(401, { error: 'sign in first' })
      : page(401, 'Sign in', '<p>Sign in to see your tasks, then open this page again.</p>');
  if (request.method === 'POST' && !deps.sessions.csrfMatches(person, request.csrf))
    return request.json
      ? json(403, { error: 'the CSRF token is missing or wrong' })
      : page(403, 'Refused', '<p>This form had expired. Open your tasks again.</p>');
  const actor: Actor = { person, client: request.session.client };
  if (request.route === 'page' || request.route === 'list') {
    const query = queryOf(request);
    const tasks = await inboxOf(deps, person.email, query);
    if (request.route === 'list') return json(200, { tasks });
    const processes = [...new Set(Object.keys(deps.policies))].sort();
    return inboxPage(person.email, tasks, query, deps.sessions.csrfToken(person), {
      processes,
      groups: groupsOfPerson(deps, person.email).sort(),
    });
  }
  const field = (name: string) => request.fields[name]?.[0]?.trim() ?? '';
  if (request.route === 'decide') {
    const results = await decideTasks(
      deps,
      actor,
      request.fields.task ?? [],
      field('choice'),
      field('comment').slice(0, 1000),
    );
    if (request.json) return json(200, { results });
    const lines = results.map((r) =>
      r.outcome === 'recorded' ? `${r.id}: recorded (${r.status})` : `${r.id}: skipped, ${r.reason}`,
    );
    return resultPage(
      200,
      'Decisions',
      lines.length > 0 ? lines : ['No task was selected.'],
      backTo(request),
    );
  }
  const outcome =
    request.route === 'delegate'
      ? await delegate(deps, actor, {
          to: field('to'),
          until: field('until'),
          ...(field('startsAt') ? { startsAt: field('startsAt') } : {}),
        })
      : request.action === 'claim'
        ? await claimTask(deps, actor, request.taskId ?? '')
        : request.action === 'release'
          ? await releaseTask(deps, actor, request.taskId ?? '')
          : await reassignTask(
              deps,
              actor,
              request.taskId ?? '',
              field('to') || field(`to-${request.taskId}`),
            );
  if (request.json) return outcome.ok ? json(200, outcome) : json(outcome.status, { error: outcome.reason });
  const what = request.route === 'delegate' ? 'Delegation' : `Task ${request.action}`;
  return outcome.ok
    ? resultPage(200, what, ['Done.'], backTo(request))
    : resultPage(outcome.status, what, [outcome.reason], backTo(request));
}

/** Whether a proxy event is for one of the inbox's routes. */
export const isInboxEvent = (event: APIGatewayProxyEvent): boolean =>
  inboxRouteOf(event.resource) !== undefined;

/** Serves the inbox as an API Gateway result. */
export async function inboxResult(
  deps: InboxApiDeps,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  const response = await serveInbox(deps, event);
  return { statusCode: response.statusCode, headers: { ...response.headers }, body: response.body };
}
