import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type Catalog, catalogOf } from '../lambdas/platform/registry/catalog.ts';
import { functionEnvironment } from '../lambdas/platform/registry/environment.ts';
import type { FunctionId } from '../lambdas/platform/registry/functions.ts';
import { envVars } from '../lambdas/platform/registry/names.ts';
import type { ProcessSpec } from '../lambdas/platform/registry/process-spec.ts';
import { maxConcurrencyOf, type QueueId } from '../lambdas/platform/registry/queues.ts';
import { processes as registeredProcesses } from '../lambdas/processes/index.ts';
import { workflowVersion } from '../statemachines/definition.ts';
import type { Stage, TowerConfig } from './config/index.ts';
import { acknowledge } from './constructs/acknowledge.ts';
import { ApprovalApi } from './constructs/approval-api.ts';
import { DataBucket } from './constructs/data-bucket.ts';
import { EncryptedQueueDestination } from './constructs/encrypted-queue-destination.ts';
import { EncryptionKey } from './constructs/encryption-key.ts';
import { ExecutionEndedRule } from './constructs/execution-ended-rule.ts';
import { grantFromSpec } from './constructs/function-grants.ts';
import { pascal } from './constructs/names.ts';
import { OperatorPolicy } from './constructs/operator-policy.ts';
import { ProcessStateMachine } from './constructs/process-state-machine.ts';
import { TextractNotifications } from './constructs/textract-notifications.ts';
import { type ObservedQueue, TowerAlarms } from './constructs/tower-alarms.ts';
import { TowerDashboard } from './constructs/tower-dashboard.ts';
import { TowerFunction } from './constructs/tower-function.ts';
import { TowerTables } from './constructs/tower-tables.ts';
import { WorkQueue } from './constructs/work-queue.ts';

export interface TowerStackProps extends StackProps {
  /** Parsed and validated context (`parseConfig`, for the same processes). */
  readonly config: TowerConfig;
  /** The processes to deploy. @default the list in lambdas/processes/index.ts */
  readonly processes?: readonly ProcessSpec[];
}

/** `tower-<stage>-<process>`: explicit, so grants and environments can name a state machine before it exists. */
export function stateMachineName(stage: Stage, process: ProcessSpec): string {
  return `tower-${stage}-${process.id}`;
}

/**
 * Queues whose oldest message alarms, and after how long: intake when the starter falls behind;
 * extraction at half the Extract state's one-hour wait, past which executions start timing out.
 */
const oldestMessageAges: Readonly<Partial<Record<QueueId, Duration>>> = {
  intake: Duration.minutes(15),
  extraction: Duration.minutes(30),
};

/**
 * Tower on AWS: S3 intake → SQS → start-execution → one Standard state machine per process, whose
 * extraction requests queue for Textract admission (async jobs report to an SNS topic and a queue), the
 * approval API, DynamoDB tables, one KMS key, alarms and a dashboard. Wiring only; decisions live in
 * `lambdas/` and the ASL.
 */
export class TowerStack extends Stack {
  public readonly key: EncryptionKey;
  public readonly data: DataBucket;
  /** Every queue of the registry, with its dead-letter queue. */
  public readonly queues: Readonly<Record<QueueId, WorkQueue>>;
  /** Where Textract reports finished jobs, one per Textract completions queue. */
  public readonly textract: Readonly<Record<QueueId, TextractNotifications>>;
  public readonly catalog: Catalog;
  public readonly tables: TowerTables;
  public readonly functions: Readonly<Record<FunctionId, TowerFunction>>;
  public readonly stateMachines: Readonly<Record<string, ProcessStateMachine>>;
  public readonly approvalApi: ApprovalApi;
  public readonly alarms: TowerAlarms;
  public readonly dashboard: TowerDashboard;
  /** What an operator needs for the `tower --stack` commands; attach it to their role. */
  public readonly operatorPolicy: OperatorPolicy;

  constructor(scope: Construct, id: string, props: TowerStackProps) {
    super(scope, id, props);
    const { config } = props;
    const catalog = catalogOf(props.processes ?? registeredProcesses);
    this.catalog = catalog;
    const { processes } = catalog;
    const missing = processes.filter((p) => config.processes[p.id] === undefined).map((p) => p.id);
    if (missing.length > 0)
      throw new Error(
        `TowerStack: the config has no settings for ${missing.join(', ')}: parse it for the same processes`,
      );

    const name = `tower-${config.stage}`;
    const prod = config.stage === 'prod';
    // Retained in prod, except when the deploy that created a resource rolls back: a failed first deploy
    // leaves no fixed-name state machine or log group behind to make the retry fail with "already exists".
    const removalPolicy = prod ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const stateMachineArns = Object.fromEntries(
      processes.map((p) => [
        p.id,
        this.formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: stateMachineName(config.stage, p),
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ]),
    );

    // Build.
    this.key = new EncryptionKey(this, 'Key', { alias: name, removalPolicy });
    const key = this.key.key;
    this.data = new DataBucket(this, 'Data', {
      encryptionKey: key,
      accessLogDays: config.logRetentionDays,
      removalPolicy,
    });
    // At stack scope, so the intake queue keeps the logical ids it had before the other queues came.
    this.queues = Object.fromEntries(
      catalog.queues.map((spec) => [
        spec.id,
        new WorkQueue(this, pascal(spec.id), {
          spec,
          consumerTimeoutSeconds: catalog.function(spec.consumer).timeoutSeconds,
          encryptionKey: key,
          removalPolicy,
        }),
      ]),
    ) as Record<QueueId, WorkQueue>;
    const queue = (id: QueueId) => {
      const found = this.queues[id];
      if (!found) throw new Error(`TowerStack: no queue ${id}`);
      return found;
    };
    this.textract = Object.fromEntries(
      catalog.queues
        .filter((q) => q.textractCompletions)
        .map((q) => [
          q.id,
          // The first such queue keeps the construct id it had when there was one.
          new TextractNotifications(
            this,
            q.id === 'extraction-completions' ? 'TextractNotifications' : `${pascal(q.id)}Textract`,
            {
              topicName: `${name}-textract-${q.id === 'extraction-completions' ? 'completions' : q.id}`,
              encryptionKey: key,
              completions: queue(q.id).queue,
            },
          ),
        ]),
    );
    this.tables = new TowerTables(this, 'Tables', {
      specs: catalog.tables,
      encryptionKey: key,
      deletionProtection: prod,
      removalPolicy,
    });

    const environmentValues = {
      tableNames: mapValues(this.tables.tables, (table) => table.tableName),
      tables: catalog.tables,
      bucketName: this.data.bucket.bucketName,
      stateMachinesJson: this.toJsonString(stateMachineArns),
      workflowVersionsJson: JSON.stringify(
        Object.fromEntries(processes.map((p) => [p.id, workflowVersion(p)])),
      ),
      intakePrefixes: Object.fromEntries(processes.map((p) => [p.id, p.intakePrefix])),
      senderAddress: config.senderAddress,
      approvalPolicies: mapValues(config.processes, (p) => p.approval),
      ruleParameters: mapValues(config.processes, (p) => p.rules),
      activeContentPolicies: mapValues(config.processes, (p) => p.activeContent),
      textractTopics: mapValues(this.textract, (t) => ({
        topicArn: t.topic.topicArn,
        roleArn: t.role.roleArn,
      })),
      textractRates: config.textract,
      queueUrls: mapValues(this.queues, (q) => q.queue.queueUrl),
    };
    this.functions = Object.fromEntries(
      catalog.functions.map((spec) => [
        spec.id,
        new TowerFunction(this, `${pascal(spec.id)}Function`, {
          spec,
          encryptionKey: key,
          environment: functionEnvironment(spec, environmentValues),
          logRetention,
          removalPolicy,
        }),
      ]),
    ) as Record<FunctionId, TowerFunction>;

    const fn = (id: FunctionId) => {
      const found = this.functions[id];
      if (!found) throw new Error(`TowerStack: no function ${id}`);
      return found;
    };
    this.approvalApi = new ApprovalApi(this, 'ApprovalApi', {
      handler: fn('approval-api').function,
      name,
      rateLimit: config.approvalApiRateLimit,
      burstLimit: config.approvalApiBurstLimit,
      encryptionKey: key,
      logRetention,
      removalPolicy,
    });

    const lambdas = mapValues(this.functions, (f) => f.function);
    const machines = processes.map((p) => ({
      id: p.id,
      process: p,
      machine: new ProcessStateMachine(this, `${pascal(p.id)}Process`, {
        process: p,
        catalog,
        stateMachineName: stateMachineName(config.stage, p),
        functions: lambdas,
        queues: mapValues(this.queues, (q) => q.queue),
        encryptionKey: key,
        logRetention,
        removalPolicy,
      }),
    }));
    this.stateMachines = Object.fromEntries(
      machines.map(({ id: processId, machine }) => [processId, machine]),
    );
    new ExecutionEndedRule(this, 'ExecutionEnded', {
      stateMachines: machines.map(({ machine }) => machine.stateMachine),
      handler: fn('execution-ended').function,
    });

    // Wire.
    const [domain] = config.senderAddress.split('@').slice(-1);
    // SES authorises the sender's identity (address or domain); in the sandbox each recipient's too.
    const sendingIdentities = [
      ...new Set([
        config.senderAddress,
        domain ?? config.senderAddress,
        ...(config.sesSandbox ? config.sesRecipientIdentities : []),
      ]),
    ];
    const senderIdentityArns = sendingIdentities.map((identity) =>
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
    );
    for (const fn of Object.values(this.functions)) {
      grantFromSpec(fn, {
        tables: this.tables.tables,
        tableSpecs: catalog.tables,
        bucket: this.data.bucket,
        key,
        intakePrefixes: environmentValues.intakePrefixes,
        stateMachineArns,
        senderIdentityArns,
        textractRoleArns: mapValues(this.textract, (t) => t.role.roleArn),
      });
      if (fn.spec.needsApprovalUrl) fn.function.addEnvironment(envVars.approvalBaseUrl, this.approvalApi.url);
    }
    for (const q of Object.values(this.queues)) {
      const consumer = fn(q.spec.consumer);
      q.consumeWith(
        consumer.function,
        maxConcurrencyOf(q.spec, config),
        consumer.spec.defersOn === q.spec.id,
      );
    }
    const intakeDestination = new EncryptedQueueDestination(queue('intake').queue, key);
    for (const p of processes)
      this.data.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, intakeDestination, {
        prefix: p.intakePrefix,
      });
    acknowledgeNotificationsHandler(this);

    const observed = {
      stateMachines: machines.map(({ id: processId, machine }) => ({
        id: processId,
        stateMachine: machine.stateMachine,
      })),
      functions: catalog.functions.map((spec) => ({ id: spec.id, fn: fn(spec.id).function })),
      queues: Object.values(this.queues).map((q): ObservedQueue => {
        const oldestMessageAge = oldestMessageAges[q.spec.id];
        return {
          id: q.spec.id,
          queue: q.queue,
          deadLetterQueue: q.deadLetterQueue,
          maxReceiveCount: q.spec.maxReceiveCount,
          ...(oldestMessageAge ? { oldestMessageAge } : {}),
        };
      }),
    };
    this.alarms = new TowerAlarms(this, 'Alarms', {
      name,
      encryptionKey: key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      ...observed,
    });
    this.dashboard = new TowerDashboard(this, 'Dashboard', { name, ...observed });

    this.operatorPolicy = new OperatorPolicy(this, 'Operator', {
      documentsTable: this.tables.table('documents'),
      statusIndexName: 'byStatus',
      auditTable: this.tables.table('audit'),
      queues: Object.values(this.queues).map((q) => q.queue),
      deadLetterQueues: Object.values(this.queues).map((q) => q.deadLetterQueue),
      stateMachineNames: processes.map((p) => stateMachineName(config.stage, p)),
      encryptionKey: key,
    });

    new CfnOutput(this, 'OperatorPolicyArn', {
      value: this.operatorPolicy.policy.managedPolicyArn,
      description: 'Attach to the role or user that runs npm run tower -- <command> --stack <this stack>',
    });
    new CfnOutput(this, 'DataBucketName', { value: this.data.bucket.bucketName });
    new CfnOutput(this, 'IntakePrefixes', { value: processes.map((p) => p.intakePrefix).join(',') });
    new CfnOutput(this, 'ApprovalApiUrl', { value: this.approvalApi.url });
    for (const { id: processId, machine } of machines)
      new CfnOutput(this, `${pascal(processId)}StateMachineArn`, {
        value: machine.stateMachine.stateMachineArn,
      });
    // What the operator CLI (npm run tower -- --stack <name>) reads to find its way around.
    new CfnOutput(this, 'DocumentsTableName', { value: this.tables.table('documents').tableName });
    new CfnOutput(this, 'AuditTableName', { value: this.tables.table('audit').tableName });
    for (const [id, q] of Object.entries(this.queues)) {
      new CfnOutput(this, `${pascal(id)}QueueUrl`, { value: q.queue.queueUrl });
      new CfnOutput(this, `${pascal(id)}DeadLetterQueueUrl`, { value: q.deadLetterQueue.queueUrl });
    }
  }
}

/** CDK's stack-singleton custom resource that configures bucket notifications; its role is CDK's to shape. */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  if (handler === undefined) throw new Error('TowerStack: the bucket notifications handler was not created');
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's bucket-notifications custom resource: runs only during deployment, its role is created by CDK " +
      'with the basic execution policy and s3:PutBucketNotification on the data bucket alone',
  );
}

function mapValues<K extends string, V, R>(
  record: Readonly<Record<K, V>>,
  fn: (value: V) => R,
): Record<K, R> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v as V)])) as Record<K, R>;
}
