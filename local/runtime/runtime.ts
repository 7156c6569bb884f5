import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogOf } from '../../lambdas/platform/registry/catalog.ts';
import { parseConfig } from '../../lib/config/index.ts';
import type { SentEmail } from '../emulators/ses.ts';
import type { SqsPoller } from '../event-sources/sqs-poller.ts';
import { iamEnabled, iamOffWarning } from '../iam/parity.ts';
import type { CapabilityLocal } from './capability-local.ts';
import { asEndpoints, localClients } from './clients.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { checkDataLayout } from './data-layout.ts';
import { FaultInjector } from './faults.ts';
import { localNames } from './resources.ts';
import type { LocalRuntime, LocalRuntimeOptions } from './runtime-options.ts';
import { localParts, startFunctions, startIam } from './runtime-parts.ts';
import { Shutdown } from './shutdown.ts';

export type { LocalRuntime, LocalRuntimeOptions, RuntimeHealth } from './runtime-options.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The CDK context the deployed app would use (cdk.json), so local and AWS share one configuration. */
export function cdkContext(): Record<string, unknown> {
  const cdk = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdk.context ?? {};
}

/**
 * Starts the capabilities' emulators on loopback, creates the catalog's resources, evaluates every
 * call against the template's IAM, runs the real handlers and ASL, and connects what AWS would: a loop
 * over the capabilities' local sides, phase by phase.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const region = options.region ?? 'us-east-1';
  const temporary = options.dataDir === undefined;
  // Absolute from here on: worker paths, emulator directories and messages all derive from it.
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'tower-')));
  mkdirSync(dataDir, { recursive: true });
  checkDataLayout(dataDir);
  const catalog = catalogOf(options.processes, options.capabilities);
  const context = { ...cdkContext(), ...options.context };
  const config = parseConfig(context, catalog.processes);
  const shutdown = new Shutdown();
  // One runtime per data directory; released last, once every service is closed.
  const unlock = lockDataDir(dataDir);
  shutdown.last('the data-directory lock', async () => unlock());
  const faults = new FaultInjector(options.faults ?? []);
  const p = localParts({
    dataDir,
    region,
    names: localNames(region),
    config,
    catalog,
    options,
    faults,
    shutdown,
  });
  try {
    const sides: CapabilityLocal[] = await Promise.all(options.capabilities.map((c) => c.local?.() ?? {}));
    for (const side of sides) await side.emulate?.(p);
    p.clients = localClients(asEndpoints(p.endpoints), region);
    for (const side of sides) await side.create?.(p);
    if (iamEnabled(options.iam)) {
      const iam = await startIam(p, context, sides);
      p.iam = iam;
      shutdown.add('the IAM proxies', () => iam.close());
    } else process.stderr.write(`${iamOffWarning}\n`);
    const lambda = await startFunctions(p);
    p.lambda = lambda;
    for (const side of sides) await side.connect?.(p);

    const { stepFunctions } = p;
    if (!stepFunctions) throw new Error('local runtime: no capability runs the state machines');
    const pollers = p.handles.get('queues') as Record<string, SqsPoller>;
    const intake = pollers.intake;
    if (!intake) throw new Error('local runtime: the platform has no intake queue');
    // A function that cannot start stops new work at the queue rather than failing it document by document.
    lambda.onEnvironmentFailure(() => void intake.stop());
    const handle = <T>(capability: string): T => {
      if (!p.handles.has(capability)) throw new Error(`local runtime: ${capability} hands nothing out`);
      return p.handles.get(capability) as T;
    };
    return {
      config,
      catalog,
      names: p.names,
      endpoints: { ...asEndpoints(p.endpoints), approvals: p.outputs.get('human-step/url') ?? '' },
      clients: p.clients,
      lambda,
      stepFunctions,
      intake,
      pollers,
      faults,
      queues: p.queues,
      mailbox: handle<() => Promise<SentEmail[]>>('mail'),
      dataDir,
      ...(p.iam ? { iam: p.iam } : {}),
      interrupted: handle<{ interrupted: string[] }>('workflows').interrupted,
      reannounced: p.startup.reannounced ?? 0,
      incompleteUploadsRemoved: p.startup.incompleteUploadsRemoved ?? 0,
      handle,
      health: () => ({
        acceptingWork: lambda.environmentFailures.length === 0,
        environmentFailures: [...lambda.environmentFailures],
      }),
      onEnvironmentFailure: (listener) => lambda.onEnvironmentFailure(listener),
      stop: async (report) => {
        await shutdown.stop(report);
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await shutdown.stop();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
