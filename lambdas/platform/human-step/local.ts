import { startApiGateway } from '../../../local/emulators/api-gateway.ts';
import { listenRemembered } from '../../../local/http/remembered-port.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { inboxRoutes } from '../inbox/routes.ts';
import { approvalRoute } from './route.ts';
import { humanStepOutputs } from './uses.ts';

/** The human step locally: the approval page's API, at the address it had on this data directory. */
export const humanStepLocal: CapabilityLocal = {
  create: async (p) => {
    // Approval links are mailed: the API keeps its address across restarts on this data directory.
    const approvals = await listenRemembered(p.dataDir, 'approval API', (port) =>
      startApiGateway(
        [
          {
            resource: approvalRoute.resource,
            methods: approvalRoute.methods,
            functionName: p.names.functionName('approval-api'),
          },
          ...inboxRoutes.map((r) => ({
            resource: r.resource,
            methods: r.methods,
            functionName: p.names.functionName('approval-api'),
          })),
        ],
        (fn, event) =>
          p.lambda
            ? p.lambda.invoke(fn, event)
            : Promise.resolve({ ok: false, error: { errorType: 'Starting', errorMessage: 'starting' } }),
        'local',
        port,
      ),
    );
    p.shutdown.add('the approval API', approvals.listening.close);
    if (approvals.warning) process.stderr.write(`Warning: ${approvals.warning}\n`);
    p.provide('human-step', humanStepOutputs.url, approvals.listening.url);
  },
};
