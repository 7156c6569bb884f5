import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { TestProject } from 'vitest/node';
import startSharedDynamoDb from '../../support/dynamodb-local-setup.ts';
import { createRoles } from './aws-roles.ts';
import { type ConformanceContext, contextFromEnvironment } from './context.ts';

/**
 * Once per run: decides the target from the environment; locally starts the DynamoDB Local every test
 * file shares, and for AWS creates the roles every test file shares (deleted when the run ends, pass or fail).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const base = contextFromEnvironment();
  if (base.kind === 'local') {
    project.provide('conformance', base);
    return startSharedDynamoDb(project);
  }
  const identity = await new STSClient({ region: base.region }).send(new GetCallerIdentityCommand({}));
  const accountId = identity.Account ?? '';
  const partition = identity.Arn?.split(':')[1] ?? 'aws';
  const { roles, remove } = await createRoles({
    runId: base.runId,
    region: base.region,
    accountId,
    partition,
  });
  const context: ConformanceContext = { ...base, accountId, partition, roles };
  project.provide('conformance', context);
  return remove;
}
