import { startRuntimeDynamoDb } from '../../../local/emulators/dynamodb.ts';
import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';
import { createTables } from '../../../local/runtime/resources.ts';

/** The stores locally: AWS's DynamoDB Local with its data under the data directory, and the catalog's tables. */
export const storesLocal: CapabilityLocal = {
  emulate: async (p) => {
    const dynamo = await startRuntimeDynamoDb(p.dataDir, p.options.sharedDynamoDb);
    p.shutdown.add('DynamoDB', dynamo.close);
    p.endpoints.dynamodb = dynamo.url;
  },
  create: (p) => createTables(p.clients.dynamo, p.names, p.catalog.tables),
};
