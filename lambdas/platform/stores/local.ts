import { join } from 'node:path';
import type { CapabilityLocal } from '../../../local/capability-local.ts';
import { startDynamoDb } from '../../../local/emulators/dynamodb.ts';
import { createTables } from '../../../local/resources.ts';

/** The stores locally: DynamoDB on loopback with its data under the data directory, and the catalog's tables. */
export const storesLocal: CapabilityLocal = {
  emulate: async (p) => {
    const dynamo = await startDynamoDb(join(p.dataDir, 'dynamodb'));
    p.shutdown.add('DynamoDB', dynamo.close);
    p.endpoints.dynamodb = dynamo.url;
  },
  create: (p) => createTables(p.clients.dynamo, p.names, p.catalog.tables),
};
