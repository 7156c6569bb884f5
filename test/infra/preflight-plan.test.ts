import { describe, expect, it } from 'vitest';
import { cdkContext } from '../../bin/preflight/cdk-context.ts';
import { synthesizePlan } from '../../bin/preflight/synth.ts';
import { maxConcurrencyOf } from '../../lambdas/platform/registry/queues.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { planFor } from '../unit/bin/preflight/support.ts';
import { synthTimeout } from './tower-template.ts';

const repo = new URL('../../', import.meta.url).pathname;

// The preflight reads the deploy from the synthesized template; its unit tests use a plan built from the catalog
// (test/unit/bin/preflight/support.ts). This checks the two agree, on the template cdk deploy would send.
describe('preflight: the deploy as synthesized', () => {
  it(
    "reads each queue's maximum concurrency, the API Gateway role, the grants and the bootstrap version",
    () => {
      // Act
      const plan = synthesizePlan(cdkContext(repo, { intakeMaxConcurrency: '20' }));
      // Assess
      const catalog = towerCatalog(processes);
      expect(plan.queueConsumers).toEqual(
        catalog.queues.map((q) => ({
          consumer: q.consumer,
          maximumConcurrency: maxConcurrencyOf(q, plan.config),
        })),
      );
      expect(plan.queueConsumers[0]).toEqual({ consumer: 'start-execution', maximumConcurrency: 20 });
      expect(plan.reservedConcurrency).toEqual({});
      expect(plan.apiGateway).toEqual({ setsAccountRole: true, logs: true });
      expect(plan.sendsThroughConfigurationSets).toBe(true);
      // The default synthesizer's CheckBootstrapVersion rule and manifest (https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html).
      expect(plan.bootstrap).toEqual({
        versionParameter: '/cdk-bootstrap/hnb659fds/version',
        requiredVersion: 6,
      });
      expect(plan.stackName).toBe('Tower-dev');
      // The unit tests' stand-in is this plan, field for field.
      const { config: _config, ...synthesized } = plan;
      const { config: _standInConfig, ...standIn } = planFor({ intakeMaxConcurrency: '20' });
      expect(synthesized).toEqual(standIn);
    },
    synthTimeout,
  );
});
