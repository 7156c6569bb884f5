import { join } from 'node:path';
import type { Catalog } from '../../lambdas/platform/registry/catalog.ts';
import type { TowerConfig } from '../../lib/config/index.ts';
import { sessionTokenFor } from '../iam/identity.ts';
import type { IamParity } from '../iam/parity.ts';
import { engineMappings } from '../iam/request-actions.ts';
import { startIamParity } from '../iam/start-parity.ts';
import { deployFunctions } from '../lambda/deploy.ts';
import { LambdaHost } from '../lambda/host.ts';
import { FunctionStartError } from '../lambda/start-check.ts';
import type { CapabilityLocal, LocalParts } from './capability-local.ts';
import { asEndpoints, endpointEnvironment, type LocalClients } from './clients.ts';
import { localDeployed } from './deployed.ts';
import type { FaultInjector } from './faults.ts';
import { type LocalNames, localAccount, localKeyArn, queueUrlOn } from './resources.ts';
import type { LocalRuntimeOptions } from './runtime-options.ts';
import type { Shutdown } from './shutdown.ts';

/** The runtime's parts before any service runs: what each capability's local side fills in, phase by phase. */
export function localParts(settings: {
  readonly dataDir: string;
  readonly region: string;
  readonly names: LocalNames;
  readonly config: TowerConfig;
  readonly catalog: Catalog;
  readonly options: LocalRuntimeOptions;
  readonly faults: FaultInjector;
  readonly shutdown: Shutdown;
}): LocalParts {
  const outputs = new Map<string, string>();
  let clients: LocalClients | undefined;
  return {
    ...settings,
    endpoints: {},
    // Set once every emulator runs, before any capability creates its resources.
    get clients(): LocalClients {
      if (!clients) throw new Error('local runtime: clients are made once every emulator runs');
      return clients;
    },
    set clients(made: LocalClients) {
      clients = made;
    },
    queues: {},
    provide: (capability, name, value) => outputs.set(`${capability}/${name}`, value),
    outputs,
    handles: new Map(),
    onS3Event: () => {
      throw new Error('local runtime: no S3 emulator runs');
    },
    startup: {},
  };
}

/** IAM evaluation against the synthesized template, its proxies in front of every emulator. */
export function startIam(
  p: LocalParts,
  context: Record<string, unknown>,
  sides: readonly CapabilityLocal[],
): Promise<IamParity> {
  const { names, catalog } = p;
  return startIamParity({
    context,
    processes: catalog.processes,
    dataDir: p.dataDir,
    endpoints: asEndpoints(p.endpoints),
    mappings: {
      ...engineMappings,
      ...Object.fromEntries(sides.flatMap((s) => (s.requests ? [[s.requests.service, s.requests.map]] : []))),
    },
    sesSandbox: p.config.sesSandbox,
    ...(p.options.iamTemplate ? { transform: p.options.iamTemplate } : {}),
    local: {
      region: p.region,
      account: localAccount,
      keyArn: localKeyArn(p.region),
      bucket: names.bucket,
      tables: Object.fromEntries(catalog.tables.map((t) => [t.id, names.table(t.id)])),
      queues: p.queues,
      functions: Object.fromEntries(
        catalog.functions.map((f) => [
          f.id,
          {
            name: names.functionName(f.id),
            arn: names.functionArn(f.id),
            roleArn: names.functionRoleArn(f.id),
          },
        ]),
      ),
      stateMachines: Object.fromEntries(
        catalog.processes.map((process) => [
          process.id,
          { arn: names.stateMachineArn(process.id), roleArn: names.stateMachineRoleArn(process.id) },
        ]),
      ),
      provided: p.outputs,
    },
  });
}

/** Builds every function as CDK does, with the environment its uses imply, and starts the Lambda host. */
export async function startFunctions(p: LocalParts): Promise<LambdaHost> {
  const { names, iam } = p;
  // On the endpoints the functions call: behind the IAM proxies when IAM is evaluated.
  const endpoints = iam?.endpoints ?? asEndpoints(p.endpoints);
  const deployed = await deployFunctions({
    functions: p.catalog.functions,
    buildDir: join(p.dataDir, 'build'),
    shared: endpointEnvironment(endpoints, p.region),
    ...(iam
      ? { identity: (id: string) => ({ AWS_SESSION_TOKEN: sessionTokenFor(names.functionRoleArn(id)) }) }
      : {}),
    functionName: (id) => names.functionName(id),
    concurrency: p.options.functionConcurrency ?? 8,
    deployed: localDeployed({
      region: p.region,
      names,
      config: p.config,
      catalog: p.catalog,
      // As on AWS, the SDK sends a call to its queue URL's host: URLs on the SQS endpoint the functions call.
      queue: (id) => {
        const ref = p.queues[id];
        if (!ref) throw new Error(`local runtime: no queue ${id}`);
        return { url: queueUrlOn(endpoints.sqs, ref.url), arn: ref.arn };
      },
      outputs: p.outputs,
    }),
  });
  const lambda = new LambdaHost(deployed.functions, deployed.workerPath, join(p.dataDir, 'logs'));
  lambda.interceptor = p.faults.intercept;
  p.shutdown.add('the Lambda host (its function environments)', () => lambda.stop());
  const failures = await lambda.verify();
  if (failures.length > 0) throw new FunctionStartError(failures);
  return lambda;
}
