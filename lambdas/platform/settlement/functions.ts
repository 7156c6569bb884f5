import { type FunctionSpec, handlerPath } from '../registry/functions.ts';
import { stores } from '../stores/uses.ts';
import { workflows } from '../workflows/uses.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);

/** Settlement: what an execution that ended outside its workflow left open. */
export const settlementFunctions: readonly FunctionSpec[] = [
  {
    id: 'execution-ended',
    entry: entry('./handler.ts'),
    description:
      'Closes what a stopped, timed-out or failed execution leaves open: revokes human-step links, settles the status',
    memoryMb: 256,
    timeoutSeconds: 30,
    uses: [
      stores.table('documents', ['get', 'update']),
      stores.table('approvals', ['query', 'update']),
      stores.audit(),
      workflows.describe(),
    ],
  },
];
