import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { capabilities } from '../lambdas/platform/capabilities.ts';
import type { Capability } from '../lambdas/platform/capability/manifest.ts';
import { DataBucket } from '../lambdas/platform/data/infra/data-bucket.ts';
import { type Catalog, catalogOf } from '../lambdas/platform/registry/catalog.ts';
import { functionEnvironment } from '../lambdas/platform/registry/environment.ts';
import type { ProcessSpec } from '../lambdas/platform/registry/process-spec.ts';
import { TowerTables } from '../lambdas/platform/stores/infra/tower-tables.ts';
import { parseConfig, type TowerConfig, type TowerSettings } from './config/index.ts';
import { EncryptionKey } from './constructs/encryption-key.ts';
import { grantUses } from './constructs/function-grants.ts';
import { pascal } from './constructs/names.ts';
import type { OperatorPolicy } from './constructs/operator-policy.ts';
import { TowerAlarms } from './constructs/tower-alarms.ts';
import { TowerDashboard } from './constructs/tower-dashboard.ts';
import { TowerFunction } from './constructs/tower-function.ts';
import type { Observed, PlatformParts } from './platform/capability-infra.ts';
import { cdkDeployed } from './platform/cdk-deployed.ts';
import { functionErrors, operatorAccess } from './platform/foundation.ts';
import { stateMachineNaming } from './platform/state-machine-names.ts';

export interface TowerPlatformProps {
  /** The processes to run, each a package of its own (docs/processes.md). */
  readonly processes: readonly ProcessSpec[];
  /**
   * Tower's settings, the keys of its CDK context (`senderAddress`, `stage`, `processes.<id>.approval`…):
   * validated here, every problem named. Give these or `config`.
   */
  readonly settings?: TowerSettings;
  /** Settings already validated by `parseConfig` for the same processes. */
  readonly config?: TowerConfig;
  /** Prefix of the names Tower gives (state machines, alarms, topics, the API). @default `tower-<stage>` */
  readonly name?: string;
}

/**
 * Tower on AWS, as a construct a team adds to its own stack: the foundation (one KMS key, the data
 * bucket, the tables), then each capability's resources, the functions with what their uses imply, the
 * capabilities' wiring, and alarms and a dashboard from what each observes. Wiring only; decisions live
 * in `lambdas/` and the ASL.
 */
export class TowerPlatform extends Construct {
  public readonly config: TowerConfig;
  public readonly catalog: Catalog;
  public readonly key: EncryptionKey;
  public readonly data: DataBucket;
  public readonly tables: TowerTables;
  /** Everything capabilities built and wired: queues, functions, state machines, and what they provide. */
  public readonly parts: PlatformParts;
  public readonly alarms: TowerAlarms;
  public readonly dashboard: TowerDashboard;
  /** What an operator needs for the `tower --stack` commands; attach it to their role. */
  public readonly operatorPolicy: OperatorPolicy;

  constructor(scope: Construct, id: string, props: TowerPlatformProps) {
    super(scope, id);
    if ((props.settings === undefined) === (props.config === undefined))
      throw new Error('TowerPlatform: give either settings (validated here) or config (already validated)');
    this.config = props.config ?? parseConfig(props.settings ?? {}, props.processes);
    const { config } = this;
    this.catalog = catalogOf(props.processes, capabilities);
    const missing = props.processes.filter((p) => config.processes[p.id] === undefined).map((p) => p.id);
    if (missing.length > 0)
      throw new Error(
        `TowerPlatform: the config has no settings for ${missing.join(', ')}: parse it for them`,
      );
    const name = props.name ?? `tower-${config.stage}`;
    const prod = config.stage === 'prod';
    // Retained in prod, except when the deploy that created a resource rolls back (nothing half-made stays).
    const removalPolicy = prod ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY;
    // Retained resources carry no fixed name: a redeploy after a destroy would meet them ("already exists").
    const stateMachineName = stateMachineNaming(name, removalPolicy);

    this.key = new EncryptionKey(this, 'Key', { alias: name, removalPolicy });
    const key = this.key.key;
    this.data = new DataBucket(this, 'Data', {
      encryptionKey: key,
      accessLogDays: config.logRetentionDays,
      removalPolicy,
    });
    this.tables = new TowerTables(this, 'Tables', {
      specs: this.catalog.tables,
      encryptionKey: key,
      deletionProtection: prod,
      removalPolicy,
    });
    const outputs = new Map<string, string>();
    const queues: PlatformParts['queues'] = {};
    const deployed = cdkDeployed({
      stack: Stack.of(this),
      stateMachineName,
      config,
      catalog: this.catalog,
      tables: this.tables.tables,
      bucket: this.data.bucket,
      key,
      queues,
      outputs,
    });
    const parts: PlatformParts = {
      scope: this,
      name,
      config,
      catalog: this.catalog,
      key,
      bucket: this.data.bucket,
      tables: this.tables.tables,
      removalPolicy,
      stateMachineName,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      deployed,
      queues,
      functions: {},
      stateMachines: {},
      provide: (capability, outputName, value) => outputs.set(`${capability}/${outputName}`, value),
      outputs,
    };
    this.parts = parts;
    const each = (step: (c: Capability) => void) => {
      for (const c of capabilities) step(c);
    };

    each((c) => c.infra?.build?.(parts));
    for (const spec of this.catalog.functions) {
      const fn = new TowerFunction(this, `${pascal(spec.id)}Function`, {
        spec,
        encryptionKey: key,
        environment: functionEnvironment(spec, deployed),
        logRetention: parts.logRetention,
        removalPolicy,
      });
      grantUses(fn, deployed);
      parts.functions[spec.id] = fn;
    }
    each((c) => c.infra?.wire?.(parts));

    const observed: Observed[] = [
      ...capabilities.map((c) => c.infra?.observe?.(parts) ?? {}),
      functionErrors(parts),
    ];
    this.alarms = new TowerAlarms(this, 'Alarms', {
      name,
      encryptionKey: key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      alarms: observed.flatMap((o) => o.alarms ?? []),
    });
    this.dashboard = new TowerDashboard(this, 'Dashboard', {
      name,
      processRows: this.catalog.processes.map((p) => observed.flatMap((o) => o.processWidgets?.(p.id) ?? [])),
      rows: observed.flatMap((o) => o.rows ?? []),
    });
    this.operatorPolicy = operatorAccess(parts);
    new CfnOutput(this, 'DataBucketName', { value: this.data.bucket.bucketName });
  }
}
