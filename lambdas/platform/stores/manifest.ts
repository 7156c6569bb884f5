import { capability } from '../capability/manifest.ts';
import { tables } from '../registry/tables.ts';
import { stores as uses } from './uses.ts';

/** The platform's stores: documents and their status, idempotency records, the append-only audit trail. */
export const stores = capability({
  name: 'stores',
  summary:
    'DynamoDB tables (KMS, point-in-time recovery): documents, idempotency, audit, and each process’s own',
  uses,
  tables: [tables.documents, tables.idempotency, tables.audit],
  local: () => import('./local.ts').then((m) => m.storesLocal),
});
