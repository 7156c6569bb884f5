import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startDynamoDbFront } from '../../local/emulators/dynamodb-front.ts';
import type { Listening } from '../../local/http/json-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The project's DynamoDB Local (test/support/dynamodb-local-setup.ts), shared by its tests' runtimes. */
    sharedDynamoDb: string;
  }
}

/** The URL of the DynamoDB Local this test project shares: a runtime given it takes a database of its own. */
export function sharedDynamoDb(): string {
  const url = inject('sharedDynamoDb');
  if (!url)
    throw new Error('no shared DynamoDB Local: the project needs test/support/dynamodb-local-setup.ts');
  return url;
}

/** An empty DynamoDB of this test's own on the shared DynamoDB Local (a database no one else sees). */
export function freshDynamoDb(): Promise<Listening> {
  return startDynamoDbFront(sharedDynamoDb(), { namespace: `test-${randomUUID()}` });
}
