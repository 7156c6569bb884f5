import { fileURLToPath } from 'node:url';
import { handlerPath } from '../../../lambdas/platform/registry/functions.ts';
import type { ProcessSpec } from '../../../lambdas/platform/registry/process-spec.ts';

/**
 * A minimal process whose human step declares a form with every field type: claims dropped under
 * `claims/` are worded by its one function, handled by a person through the platform's human step
 * (who hands back the outcome, the payout and translations), and finished by the platform's finalize.
 */
export const claimsProcess: ProcessSpec = {
  id: 'claims',
  title: 'Claim handling',
  version: '1',
  definitionPath: fileURLToPath(new URL('./claims.asl.json', import.meta.url)),
  intakePrefix: 'claims/',
  functions: [
    {
      id: 'claims-triage',
      entry: handlerPath(import.meta.url, './review.ts'),
      description: 'Words a claim and the form its handler fills in',
      memoryMb: 256,
      timeoutSeconds: 15,
      uses: [],
    },
  ],
  queues: [],
  tables: [],
  functionPlaceholders: { TriageFunctionArn: 'claims-triage' },
  queuePlaceholders: {},
};
