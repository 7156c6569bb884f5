import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { approvalRoute } from '../lambdas/platform/human-step/route.ts';
import type { Catalog } from '../lambdas/platform/registry/catalog.ts';
import type { FunctionId } from '../lambdas/platform/registry/functions.ts';
import type { ProcessSpec } from '../lambdas/platform/registry/process-spec.ts';
import { maxConcurrencyOf, type QueueId } from '../lambdas/platform/registry/queues.ts';
import { executionArnOf } from '../lambdas/platform/shared/execution-arn.ts';
import { executionName } from '../lambdas/platform/shared/workflow.ts';
import { towerCatalog } from '../lambdas/platform/tower-catalog.ts';
import { processes as registeredProcesses } from '../lambdas/processes/index.ts';
import { parseConfig, type TowerConfig } from '../lib/config/index.ts';
import {
  localPartition,
  partitionPlaceholder,
  readDefinition,
  substitute,
  workflowVersion,
} from '../statemachines/definition.ts';
import { startApiGateway } from './api-gateway.ts';
import {
  type Endpoints,
  endpointEnvironment,
  type LocalClients,
  localClients,
  localCredentials,
} from './clients.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { checkDataLayout } from './data-layout.ts';
import { localDeployed } from './deployed.ts';
import { startDynamoDb } from './emulators/dynamodb.ts';
import { startS3 } from './emulators/s3.ts';
import { startSes } from './emulators/ses.ts';
import { startSqs } from './emulators/sqs.ts';
import { type LocalTextractOptions, startLocalTextract } from './emulators/textract.ts';
import { notifyQueue } from './event-sources/s3-notifications.ts';
import { SqsPoller } from './event-sources/sqs-poller.ts';
import { FaultInjector, type FaultRule } from './faults.ts';
import { startFaultProxy } from './http/fault-proxy.ts';
import type { Listening } from './http/json-server.ts';
import { listenRemembered } from './http/remembered-port.ts';
import { deliveryAllowed, topicToQueueDelivery } from './iam/deliveries.ts';
import { engineDepsAs } from './iam/engine-calls.ts';
import { sessionTokenFor } from './iam/identity.ts';
import { type IamParity, iamEnabled, iamOffWarning, startIamParity } from './iam/parity.ts';
import { localRoleArn } from './iam/policy-model.ts';
import type { SynthesizedTemplate } from './iam/synthesized-template.ts';
import { inspect } from './inspect.ts';
import { deployFunctions } from './lambda/deploy.ts';
import { type EnvironmentFailure, LambdaHost } from './lambda/host.ts';
import { FunctionStartError } from './lambda/start-check.ts';
import { reconcileIntake } from './reconcile.ts';
import {
  createBucket,
  createQueues,
  createTables,
  createTextractTopic,
  localAccount,
  localKeyArn,
  localNames,
  type QueueRef,
  queueUrlOn,
} from './resources.ts';
import { Shutdown, type ShutdownReport } from './shutdown.ts';
import { startStepFunctionsApi } from './stepfunctions/api-server.ts';
import { ExecutionStore } from './stepfunctions/executions.ts';
import { LocalStateMachine } from './stepfunctions/local-machine.ts';
import { LocalStepFunctions } from './stepfunctions/service.ts';
import { TaskTokenBroker } from './stepfunctions/task-tokens.ts';
import type { TextractServer } from './textract/server.ts';

export interface LocalRuntimeOptions {
  /** The processes to run. @default the list in lambdas/processes/index.ts */
  readonly processes?: readonly ProcessSpec[];
  /** Where data lives between runs. @default a fresh temporary directory, removed on stop */
  readonly dataDir?: string;
  /** Local time scale for task timeouts, retries and waits (1 = real time). @default 1 */
  readonly clockScale?: number;
  /** CDK context overrides (approvers, thresholds…), merged over cdk.json's context. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Visibility timeout of every queue; AWS uses six times the consumer's timeout. @default the registry's */
  readonly queueVisibilityTimeoutSeconds?: number;
  /** Concurrent environments per function. @default 8 */
  readonly functionConcurrency?: number;
  /** Restart executions cut off by the last stop (their steps are idempotent). @default true */
  readonly resumeInterrupted?: boolean;
  /** The local Textract's own behaviour (its rate, job delays, dropped notifications). */
  readonly textract?: LocalTextractOptions;
  /** Re-announce intake objects whose S3 events the last hard stop lost (the queues are in memory). @default true */
  readonly reconcile?: boolean;
  /** Faults to inject into function invocations (see local/faults.ts). @default none */
  readonly faults?: readonly FaultRule[];
  readonly region?: string;
  /**
   * Evaluate every AWS call against the synthesized template's IAM (as AWS would). @default true,
   * unless TOWER_IAM=off
   */
  readonly iam?: boolean;
  /** Changes the synthesized template before it is evaluated against (tests: a grant removed, a deny added). */
  readonly iamTemplate?: (template: SynthesizedTemplate) => SynthesizedTemplate;
}

export interface LocalRuntime {
  readonly config: TowerConfig;
  /** The platform's and the processes' functions, queues and tables, as deployed here. */
  readonly catalog: Catalog;
  readonly names: ReturnType<typeof localNames>;
  readonly endpoints: Endpoints & { readonly approvals: string };
  readonly clients: LocalClients;
  readonly lambda: LambdaHost;
  readonly stepFunctions: LocalStepFunctions;
  readonly intake: SqsPoller;
  /** The event source mapping of every queue. */
  readonly pollers: Readonly<Record<QueueId, SqsPoller>>;
  readonly textract: TextractServer;
  readonly faults: FaultInjector;
  readonly queues: Record<string, QueueRef>;
  readonly mailbox: () => ReturnType<Awaited<ReturnType<typeof startSes>>['sent']>;
  readonly dataDir: string;
  /** The IAM evaluation of the run's calls; undefined when it is off. */
  readonly iam?: IamParity;
  /** Executions found cut off at start-up (marked, and resumed unless disabled). */
  readonly interrupted: readonly string[];
  /** Intake objects announced again at start-up because their events were lost. */
  readonly reannounced: number;
  /** Half-written objects a hard stop left in the local S3, removed at start-up. */
  readonly incompleteUploadsRemoved: number;
  /**
   * Whether intake is accepted: a function environment that cannot start pauses the intake poller
   * (new work waits in SQS, nothing is lost) until the runtime is restarted with the function fixed.
   */
  health(): RuntimeHealth;
  /** Called when a function environment cannot start while the runtime runs. */
  onEnvironmentFailure(listener: (failure: EnvironmentFailure) => void): void;
  /** Stops everything once, in one order, the data-directory lock last; `report` hears each step. */
  stop(report?: ShutdownReport): Promise<void>;
}

export interface RuntimeHealth {
  readonly acceptingWork: boolean;
  readonly environmentFailures: readonly EnvironmentFailure[];
}

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** The CDK context the deployed app would use (cdk.json), so local and AWS share one configuration. */
export function cdkContext(): Record<string, unknown> {
  const cdk = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdk.context ?? {};
}

/** Starts every service on loopback, creates the registry's resources, and runs the real handlers and ASL. */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const region = options.region ?? 'us-east-1';
  const temporary = options.dataDir === undefined;
  // Absolute from here on: worker paths, emulator directories and messages all derive from it.
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'tower-')));
  mkdirSync(dataDir, { recursive: true });
  checkDataLayout(dataDir);
  const catalog = towerCatalog(options.processes ?? registeredProcesses);
  const { processes } = catalog;
  const config = parseConfig({ ...cdkContext(), ...options.context }, processes);
  const intakePrefixes = processes.map((p) => p.intakePrefix);
  const names = localNames(region);
  const shutdown = new Shutdown();
  // One runtime per data directory; released last, once every service is closed.
  const unlock = lockDataDir(dataDir);
  shutdown.last('the data-directory lock', async () => unlock());
  try {
    const [dynamo, s3, sqs, ses] = await Promise.all([
      startDynamoDb(join(dataDir, 'dynamodb')),
      startS3(join(dataDir, 's3')),
      startSqs(),
      startSes(join(dataDir, 'ses')),
    ]);
    shutdown.add('DynamoDB', dynamo.close);
    shutdown.add('S3', s3.close);
    shutdown.add('SQS and SNS', sqs.close);
    shutdown.add('SES', ses.close);
    let sfnService: LocalStepFunctions | undefined;
    const sfnApi = await startStepFunctionsApi(() => {
      if (!sfnService) throw new Error('Step Functions is still starting');
      return sfnService;
    });
    shutdown.add('the Step Functions API', sfnApi.close);
    const faults = new FaultInjector(options.faults ?? []);
    // Functions reach SES through a proxy that can fail requests on demand (fault injection).
    const sesProxy = await startFaultProxy(ses.url, () => faults.services.ses?.failureRate ?? 0);
    shutdown.add('the SES fault proxy', sesProxy.close);
    const partial = {
      dynamodb: dynamo.url,
      s3: s3.url,
      sqs: sqs.url,
      ses: sesProxy.url,
      sfn: sfnApi.url,
      textract: '',
    };
    const early = localClients(partial, region);
    // Textract publishes completions as the notification role; evaluated once IAM parity is up.
    let textractMayPublish: ((topicArn: string) => Promise<boolean>) | undefined;
    const textract = await startLocalTextract(
      early.s3,
      early.sns,
      config.textract,
      options.textract,
      (topicArn) => (textractMayPublish ? textractMayPublish(topicArn) : Promise.resolve(true)),
    );
    shutdown.add('Textract and its OCR', textract.stop);
    const endpoints: Endpoints = { ...partial, textract: textract.endpoint };
    const clients = localClients(endpoints, region);

    await createTables(clients.dynamo, names, catalog.tables);
    await createBucket(clients.s3, names.bucket);
    const queueRefs = await createQueues(
      clients.sqs,
      names,
      catalog.queues,
      options.queueVisibilityTimeoutSeconds,
    );
    const queueRef = (id: QueueId): QueueRef => {
      const ref = queueRefs[id];
      if (!ref) throw new Error(`no local queue ${id}`);
      return ref;
    };
    const textractTopics: Record<QueueId, { topicArn: string; roleArn: string }> = {};
    for (const q of catalog.queues.filter((queue) => queue.textractCompletions))
      textractTopics[q.id] = {
        topicArn: await createTextractTopic(clients.sns, names, q.id, queueRef(q.id)),
        roleArn: names.textractRoleArn,
      };

    let host: LambdaHost | undefined;
    // Approval links are mailed: the API keeps its address across restarts on this data directory.
    const approvals = await listenRemembered(dataDir, 'approval API', (port) =>
      startApiGateway(
        [
          {
            resource: approvalRoute.resource,
            methods: approvalRoute.methods,
            functionName: names.functionName('approval-api'),
          },
        ],
        (fn, event) =>
          host
            ? host.invoke(fn, event)
            : Promise.resolve({ ok: false, error: { errorType: 'Starting', errorMessage: 'starting' } }),
        'local',
        port,
      ),
    );
    const approvalsApi: Listening = approvals.listening;
    shutdown.add('the approval API', approvalsApi.close);
    if (approvals.warning) process.stderr.write(`Warning: ${approvals.warning}\n`);

    const context = { ...cdkContext(), ...options.context };
    const functionRole = (id: string) => localRoleArn(localAccount, names.functionName(id as FunctionId));
    const stateMachineRole = (processId: string) =>
      localRoleArn(localAccount, `${names.stateMachineName(processId)}-states`);
    let iam: IamParity | undefined;
    if (iamEnabled(options.iam)) {
      iam = await startIamParity({
        context,
        processes,
        dataDir,
        endpoints,
        sesSandbox: config.sesSandbox,
        ...(options.iamTemplate ? { transform: options.iamTemplate } : {}),
        local: {
          region,
          account: localAccount,
          keyArn: localKeyArn(region),
          bucket: names.bucket,
          tables: Object.fromEntries(catalog.tables.map((t) => [t.id, names.table(t.id)])),
          queues: queueRefs,
          functions: Object.fromEntries(
            catalog.functions.map((f) => [
              f.id,
              { name: names.functionName(f.id), arn: names.functionArn(f.id), roleArn: functionRole(f.id) },
            ]),
          ),
          stateMachines: Object.fromEntries(
            processes.map((p) => [
              p.id,
              { arn: names.stateMachineArn(p.id), roleArn: stateMachineRole(p.id) },
            ]),
          ),
          textract: textractTopics,
        },
      });
      const parity = iam;
      shutdown.add('the IAM proxies', () => parity.close());
      // Each topic's one subscriber, as createTextractTopic subscribes it.
      const subscribers = new Map(
        Object.entries(textractTopics).map(([queueId, t]) => [t.topicArn, queueRef(queueId).arn]),
      );
      textractMayPublish = async (topicArn) => {
        const published = await deliveryAllowed(
          parity.evaluator,
          {
            principal: names.textractRoleArn,
            action: 'sns:Publish',
            resource: topicArn,
            sourceArn: topicArn,
            keyActions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            keyService: 'sns',
          },
          parity.scope,
        );
        if (!published) {
          process.stderr.write(
            `IAM: the Textract notification role may not publish to ${topicArn}: completion lost\n`,
          );
          return false;
        }
        const queueArn = subscribers.get(topicArn);
        // The local SNS delivers to the subscribed queue itself: evaluated here, before it publishes.
        const delivered =
          queueArn === undefined ||
          (await deliveryAllowed(parity.evaluator, topicToQueueDelivery(topicArn, queueArn), parity.scope));
        if (!delivered)
          process.stderr.write(
            `IAM: SNS may not deliver ${topicArn} to ${queueArn} (queue or key policy): completion lost\n`,
          );
        return delivered;
      };
    } else process.stderr.write(`${iamOffWarning}\n`);

    const deployed = await deployFunctions({
      functions: catalog.functions,
      buildDir: join(dataDir, 'build'),
      shared: endpointEnvironment(iam?.endpoints ?? endpoints, region),
      ...(iam
        ? { identity: (id: string) => ({ AWS_SESSION_TOKEN: sessionTokenFor(functionRole(id)) }) }
        : {}),
      functionName: (id) => names.functionName(id as FunctionId),
      concurrency: options.functionConcurrency ?? 8,
      deployed: localDeployed({
        region,
        names,
        config,
        catalog,
        // On the SQS endpoint the functions call, as on AWS: the SDK sends a call to its queue URL's host.
        queue: (id) => ({
          url: queueUrlOn((iam?.endpoints ?? endpoints).sqs, queueRef(id).url),
          arn: queueRef(id).arn,
        }),
        outputs: new Map([
          ['human-step/url', approvalsApi.url],
          ...Object.entries(textractTopics).flatMap(([queueId, t]) => [
            [`textract/topic:${queueId}`, t.topicArn] as const,
            [`textract/role:${queueId}`, t.roleArn] as const,
          ]),
        ]),
      }),
    });
    host = new LambdaHost(deployed.functions, deployed.workerPath, join(dataDir, 'logs'));
    const lambda = host;
    lambda.interceptor = faults.intercept;
    shutdown.add('the Lambda host (its function environments)', () => lambda.stop());
    const startFailures = await lambda.verify();
    if (startFailures.length > 0) throw new FunctionStartError(startFailures);

    const broker = new TaskTokenBroker();
    const sender = {
      send: async (queueUrl: string, body: string) =>
        (await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body })))
          .MessageId ?? '',
    };
    const clock = { scale: options.clockScale ?? 1 };
    const machines = processes.map((p) => {
      const own = catalog.placeholdersOf(p);
      const placeholders = {
        [partitionPlaceholder]: localPartition,
        ...Object.fromEntries(
          Object.entries(own.functions).map(([name, fn]) => [name, names.functionArn(fn)]),
        ),
        ...Object.fromEntries(Object.entries(own.queues).map(([name, queue]) => [name, queueRef(queue).url])),
      };
      const deps = { lambda, broker, sqs: sender };
      return new LocalStateMachine(
        names.stateMachineArn(p.id),
        names.stateMachineName(p.id),
        substitute(readDefinition(p), placeholders),
        iam
          ? engineDepsAs(deps, stateMachineRole(p.id), iam.evaluator, iam.scope, (fn) => {
              const found = lambda.resolve(fn);
              return found ? names.functionArn(found.id as FunctionId) : undefined;
            })
          : deps,
        clock,
      );
    });
    const stepFunctions = new LocalStepFunctions(
      machines,
      new ExecutionStore(join(dataDir, 'executions')),
      broker,
      { deps: { lambda, broker, sqs: sender }, clock },
    );
    sfnService = stepFunctions;
    shutdown.add('the Step Functions engine (running executions resume at the next start)', () =>
      stepFunctions.shutdown(),
    );

    const interrupted = stepFunctions.interrupted();
    for (const record of interrupted) {
      stepFunctions.markInterrupted(record);
      if (options.resumeInterrupted ?? true) stepFunctions.redriveExecution(record.executionArn);
    }

    // EventBridge's execution status change rule, locally: the same event shape to the same function.
    stepFunctions.onExecutionEnded((ended) => {
      if (ended.status === 'SUCCEEDED' || ended.status === 'RUNNING') return;
      const record = stepFunctions.store.get(ended.executionArn);
      if (!record) return;
      void lambda.invoke(names.functionName('execution-ended'), {
        'detail-type': 'Step Functions Execution Status Change',
        source: 'aws.states',
        time: new Date().toISOString(),
        detail: {
          executionArn: record.executionArn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          status: record.status,
          input: record.input,
          error: record.error ?? null,
          cause: record.cause ?? null,
        },
      });
    });

    const deliveryIam = iam;
    const deliver = notifyQueue(
      clients.sqs,
      { bucket: names.bucket, prefixes: intakePrefixes, queueUrl: queueRef('intake').url },
      region,
      faults.events,
      deliveryIam
        ? async () => {
            const allowed = await deliveryAllowed(
              deliveryIam.evaluator,
              {
                principal: 's3.amazonaws.com',
                action: 'sqs:SendMessage',
                resource: queueRef('intake').arn,
                sourceArn: `arn:aws:s3:::${names.bucket}`,
                keyActions: ['kms:GenerateDataKey', 'kms:Decrypt'],
                keyService: 'sqs',
              },
              deliveryIam.scope,
            );
            if (!allowed)
              process.stderr.write(
                'IAM: S3 may not deliver to the intake queue (queue or key policy): event dropped\n',
              );
            return allowed;
          }
        : undefined,
    );
    s3.onEvent((event) => void deliver(event));
    const pollers = Object.fromEntries(
      catalog.queues.map((q) => {
        // The event source mapping polls with the consumer function's execution role.
        const pollerSqs = iam
          ? new SQSClient({
              region,
              endpoint: iam.endpoints.sqs,
              credentials: { ...localCredentials, sessionToken: sessionTokenFor(functionRole(q.consumer)) },
            })
          : clients.sqs;
        const poller = new SqsPoller(
          pollerSqs,
          (fn, event) => lambda.invoke(fn, event),
          {
            queueUrl: queueRef(q.id).url,
            queueArn: queueRef(q.id).arn,
            functionName: names.functionName(q.consumer),
            batchSize: q.batchSize,
            // More pollers than environments to run them would only queue batches in memory here.
            maxConcurrency: Math.min(maxConcurrencyOf(q, config), options.functionConcurrency ?? 8),
          },
          region,
        );
        poller.start();
        // Nothing more is received; batches in flight end when the Lambda host stops.
        shutdown.add(`the ${q.id} queue's event source mapping`, async () => poller.halt());
        return [q.id, poller];
      }),
    ) as Record<QueueId, SqsPoller>;
    const intake = pollers.intake;
    if (!intake) throw new Error('the platform has no intake queue');
    // A function that cannot start stops new work at the queue rather than failing it document by document.
    lambda.onEnvironmentFailure(() => void intake.stop());
    const reannounced =
      options.reconcile === false
        ? 0
        : await reconcileIntake({
            s3: clients.s3,
            bucket: names.bucket,
            prefixes: intakePrefixes,
            documents: await inspect({
              catalog,
              clients,
              names,
              mailbox: ses.sent,
              endpoints: { ...endpoints, approvals: approvalsApi.url },
            }).documents(),
            executionRunning: (d) => stepFunctions.store.get(executionArnFor(names, d))?.status === 'RUNNING',
            announce: deliver,
          });

    return {
      config,
      catalog,
      names,
      endpoints: { ...endpoints, approvals: approvalsApi.url },
      clients,
      lambda,
      stepFunctions,
      intake,
      pollers,
      textract,
      faults,
      queues: queueRefs,
      mailbox: () => ses.sent(),
      dataDir,
      ...(iam ? { iam } : {}),
      interrupted: interrupted.map((r) => r.executionArn),
      reannounced,
      incompleteUploadsRemoved: s3.incompleteRemoved.length,
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

function executionArnFor(
  names: ReturnType<typeof localNames>,
  document: { process: string; documentId: string },
): string {
  return executionArnOf(
    names.stateMachineArn(document.process),
    executionName(document.process, document.documentId),
  );
}
