import { data } from '../data/uses.ts';
import { type FunctionSpec, handlerPath } from '../registry/functions.ts';
import { stores } from '../stores/uses.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);

/** Quarantine: a rejected input moved aside with its reason. */
export const quarantineFunctions: readonly FunctionSpec[] = [
  {
    id: 'quarantine',
    entry: entry('../quarantine/handler.ts'),
    description: 'Moves a rejected input to the quarantine prefix and records REJECTED_INPUT',
    memoryMb: 256,
    timeoutSeconds: 60,
    uses: [
      stores.table('documents', ['get', 'update']),
      stores.audit(),
      data.objects('intake', ['read', 'readVersion', 'delete']),
      // read: a re-run whose original is gone checks (HeadObject) that its copy is there
      data.objects('quarantine/', ['read', 'write']),
    ],
  },
];
