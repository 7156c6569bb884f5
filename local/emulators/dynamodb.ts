import { join } from 'node:path';
import { startDynamoDbFront } from './dynamodb-front.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';

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
 * per test project), a database of its own there, keyed on the data directory, so a restart finds it
 * again. Either way behind a front that answers with AWS's ARNs (dynamodb-front.ts).
 */
export async function startRuntimeDynamoDb(dataDir: string, shared?: string): Promise<RuntimeDynamoDb> {
  if (shared) {
    const front = await startDynamoDbFront(shared, { namespace: dataDir });
    return { url: front.url, close: () => front.close() };
  }
  const own = await startDynamoDbLocal({ directory: join(dataDir, dynamoDbFolder) });
  const front = await startDynamoDbFront(own.url).catch(async (error: unknown) => {
    await own.close();
    throw error;
  });
  return {
    url: front.url,
    close: async () => {
      await front.close();
      await own.close();
    },
  };
}
