import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';

/** The human-step capability's outputs: the approval page's base URL. */
export const humanStepOutputs = { url: 'url' };

/** Mails links to the human-step pages (env APPROVAL_BASE_URL, the approval API's URL). */
const links = (): Use => ({
  capability: 'human-step',
  kind: 'links',
  summary: 'makes links to the human-step pages',
  environment: (deployed) => ({
    [envVars.approvalBaseUrl]: deployed.output('human-step', humanStepOutputs.url),
  }),
});

/** Receives every process's human-step policy (env APPROVAL_POLICIES: JSON of policy id → policy). */
const policies = (): Use => ({
  capability: 'human-step',
  kind: 'policies',
  summary: "reads every process's human-step policy",
  environment: (deployed) => ({
    [envVars.approvalPolicies]: JSON.stringify(
      Object.fromEntries(Object.entries(deployed.config.processes).map(([id, p]) => [id, p.approval])),
    ),
  }),
});

/** The human step: approvals, reviews, decisions by people. */
export const humanStep = { links, policies };
