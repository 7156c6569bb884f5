import { data } from '../data/uses.ts';
import { type FunctionSpec, handlerPath } from '../registry/functions.ts';
import { stores } from '../stores/uses.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);

/** Finishing a document: its result, final status and audit. */
export const finishFunctions: readonly FunctionSpec[] = [
  {
    id: 'finalize',
    entry: entry('./handler.ts'),
    description: 'Writes the result, the final status and the audit event',
    memoryMb: 512,
    timeoutSeconds: 30,
    uses: [
      stores.table('documents', ['get', 'update']),
      stores.audit(),
      // read: a refused create-only write compares the stored result by hash (If-Match needs s3:GetObject too)
      data.objects('results/', ['read', 'write']),
    ],
  },
];
