import { inspect } from '../../../bin/common/inspect.ts';
import { capabilities } from '../../../lambdas/platform/capabilities.ts';
import { processes } from '../../../lambdas/processes/index.ts';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../../local/runtime/runtime.ts';
import { sharedDynamoDb } from '../../support/shared-dynamodb.ts';

/** Invoice rule parameters that send no vendor's first invoice to a person by itself being first. */
export const letNewVendorsThrough = { newVendorRequiresApproval: false } as const;

/**
 * Context for tests: fast approvals (1 s dwell), two approvers, a Textract quota above the default 1/s,
 * and new vendors let through (every vendor is new in a fresh data directory; the tests that are about
 * new vendors say so).
 */
export const testContext = {
  textract: { syncTps: 10, startTps: 5, getTps: 10, maxConcurrentJobs: 20 },
  processes: {
    invoice: {
      approval: {
        approvers: ['alice@example.com', 'bob@example.com'],
        minDwellSeconds: 1,
        // These tests approve by posting the link's forms; the identity methods have tests of their own.
        identity: 'link',
      },
      rules: letNewVendorsThrough,
    },
  },
};

/**
 * A local runtime on ephemeral ports with its data in a temporary directory, its tables on the test
 * project's shared DynamoDB Local, plus inspection tools.
 */
export async function startTestRuntime(options: Partial<LocalRuntimeOptions> = {}) {
  const runtime: LocalRuntime = await startLocalRuntime({
    processes,
    queueVisibilityTimeoutSeconds: 2,
    sharedDynamoDb: sharedDynamoDb(),
    ...options,
    capabilities: options.capabilities ?? capabilities,
    context: { ...testContext, ...options.context },
  });
  return { runtime, tools: inspect(runtime) };
}
