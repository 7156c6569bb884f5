/**
 * The inbox's routes on the approval API: the page, the JSON list, and the POSTs that claim, release,
 * reassign, decide and delegate. Served by the approval function; signed-in only (a session cookie).
 */
export const inboxRoutes = [
  { resource: '/inbox', methods: ['GET'], route: 'page' },
  { resource: '/api/tasks', methods: ['GET'], route: 'list' },
  { resource: '/api/tasks/{taskId}/{action}', methods: ['POST'], route: 'task' },
  { resource: '/api/decisions', methods: ['POST'], route: 'decide' },
  { resource: '/api/delegations', methods: ['POST'], route: 'delegate' },
] as const;

export type InboxRoute = (typeof inboxRoutes)[number]['route'];

/** The actions on one task (`POST /api/tasks/{taskId}/{action}`). */
export const taskActions = ['claim', 'release', 'reassign'] as const;
export type TaskAction = (typeof taskActions)[number];

/** The route an API Gateway resource path is, if it is one of the inbox's. */
export const inboxRouteOf = (resource: string | undefined): InboxRoute | undefined =>
  inboxRoutes.find((r) => r.resource === resource)?.route;

/** The path parts of a resource under the API's root (`/api/tasks` → `['api', 'tasks']`). */
export const pathParts = (resource: string): string[] => resource.split('/').filter(Boolean);
