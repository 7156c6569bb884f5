import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/emulators/dynamodb-local.ts';

/**
 * Once per test project: one AWS DynamoDB Local (a JVM takes seconds to start), in memory, without
 * `-sharedDb`, so each runtime and test keeps a database of its own on it (test/support/shared-dynamodb.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const local = await startDynamoDbLocal({ sharedDb: false });
  project.provide('sharedDynamoDb', local.url);
  return () => local.close();
}
