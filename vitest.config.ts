import { defineConfig } from 'vitest/config';

// One DynamoDB Local per project that runs local runtimes: a JVM per runtime start would cost seconds each.
const sharedDynamoDb = 'test/support/dynamodb-local-setup.ts';

// Tiers: unit (pure, no network), infra (CDK assertions + cdk-nag), integration (local runtime), e2e (browser),
// and conformance: API-level tests that run against the local emulators here and a real account on demand.
export default defineConfig({
  test: {
    env: { POWERTOOLS_DEV: 'false' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: [sharedDynamoDb],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: [sharedDynamoDb],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // After the integration tier, so two local runtimes never share the machine's cores.
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          globalSetup: ['test/conformance/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
