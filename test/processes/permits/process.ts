import { fileURLToPath } from 'node:url';
import { handlerPath } from '../../../lambdas/platform/registry/functions.ts';
import type { ProcessSpec } from '../../../lambdas/platform/registry/process-spec.ts';
import { stores } from '../../../lambdas/platform/stores/uses.ts';

/**
 * A second, minimal process, defined only here: permit applications dropped under `permits/` are
 * triaged by its one function, reviewed by a clerk through the platform's human step, and finished by
 * the platform's finalize. Nothing outside this folder names it; a test registers it.
 */
export const permitsProcess: ProcessSpec = {
  id: 'permits',
  title: 'Permit review',
  version: '1',
  definitionPath: fileURLToPath(new URL('./permits.asl.json', import.meta.url)),
  intakePrefix: 'permits/',
  functions: [
    {
      id: 'permits-triage',
      entry: handlerPath(import.meta.url, './triage.ts'),
      description: 'Triages a permit application and words what the clerk is asked',
      memoryMb: 256,
      timeoutSeconds: 15,
      uses: [stores.audit(), stores.auditHeads()],
    },
  ],
  queues: [],
  tables: [],
  functionPlaceholders: { TriageFunctionArn: 'permits-triage' },
  queuePlaceholders: {},
};
