import { type FunctionSpec, handlerPath } from '../registry/functions.ts';
import { stores } from '../stores/uses.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);

/** Failure recording: the failed step, the error class and cause. */
export const failureFunctions: readonly FunctionSpec[] = [
  {
    id: 'record-failure',
    entry: entry('./handler.ts'),
    description: 'Records FAILED with the failed step, the error class and cause',
    memoryMb: 256,
    timeoutSeconds: 30,
    uses: [stores.table('documents', ['get', 'update']), stores.audit()],
  },
];
