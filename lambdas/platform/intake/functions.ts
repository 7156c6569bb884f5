import { data } from '../data/uses.ts';
import { type FunctionSpec, handlerPath } from '../registry/functions.ts';
import { stores } from '../stores/uses.ts';
import { workflows } from '../workflows/uses.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);

/** The starter: S3 events from the intake queue become one execution per document. */
export const intakeFunctions: readonly FunctionSpec[] = [
  {
    id: 'start-execution',
    entry: entry('./start-execution/handler.ts'),
    description: 'Consumes S3 events from the intake queue and starts one execution per document',
    memoryMb: 512,
    timeoutSeconds: 60,
    uses: [
      stores.table('documents', ['get', 'put', 'update']),
      stores.table('idempotency', ['get', 'put', 'update']),
      stores.audit(),
      // delete: a duplicate's intake object is removed (its document holds the same content)
      data.objects('intake', ['read', 'readVersion', 'delete']),
      workflows.start(),
    ],
  },
];
