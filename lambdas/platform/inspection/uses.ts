import type { Use } from '../capability/use.ts';
import { envVars } from '../registry/names.ts';

/** Inspects documents at admission: receives its process's active-content policy (env ACTIVE_CONTENT_POLICY). */
const activeContent = (): Use => ({
  capability: 'inspection',
  kind: 'activeContent',
  summary: 'inspects documents for active content',
  environment: (deployed, fn) => ({
    [envVars.activeContentPolicy]:
      (fn.process === undefined ? undefined : deployed.config.processes[fn.process]?.activeContent) ??
      'review',
  }),
});

/** Document inspection at admission: size, type, active content. */
export const inspection = { activeContent };
