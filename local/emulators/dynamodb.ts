import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startDynamoDbNamespace } from './dynamodb-namespace.ts';

/** The folder under a data directory where a runtime's own DynamoDB Local keeps its tables (`-dbPath`). */
export const dynamoDbFolder = 'dynamodb-local';

/** A runtime's DynamoDB endpoint, and how to stop what serves it. */
export interface RuntimeDynamoDb {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A runtime's DynamoDB: AWS's DynamoDB Local in a JVM of its own, its tables under
 * `<dataDir>/dynamodb-local/`; or, given the URL of one that several runtimes share (tests: one JVM
 * per test run), a database of its own there, keyed on the data directory, so a restart finds it again.
 */
export async function startRuntimeDynamoDb(dataDir: string, shared?: string): Promise<RuntimeDynamoDb> {
  const served = shared
    ? await startDynamoDbNamespace(shared, dataDir)
    : await startDynamoDbLocal({ directory: join(dataDir, dynamoDbFolder) });
  return { url: served.url, close: () => served.close() };
}
