import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as cw from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Deployed } from '../../lambdas/platform/capability/deployed.ts';
import type { WorkQueue } from '../../lambdas/platform/queues/infra/work-queue.ts';
import type { Catalog } from '../../lambdas/platform/registry/catalog.ts';
import type { ProcessStateMachine } from '../../lambdas/platform/workflows/infra/process-state-machine.ts';
import type { TowerConfig } from '../config/types.ts';
import type { TowerFunction } from '../constructs/tower-function.ts';

/** What every capability builds on: the platform's scope, settings, catalog and foundation resources. */
export interface PlatformParts {
  /** The TowerPlatform construct: capabilities create their resources in it. */
  readonly scope: Construct;
  /** Prefix of fixed resource names (`tower-dev`). */
  readonly name: string;
  readonly config: TowerConfig;
  readonly catalog: Catalog;
  readonly key: kms.IKey;
  readonly bucket: s3.IBucket;
  readonly tables: Readonly<Record<string, dynamodb.ITable>>;
  readonly removalPolicy: RemovalPolicy;
  /** Each process's state machine name: fixed where resources are destroyed, per stack instance where retained. */
  readonly stateMachineName: (processId: string) => string;
  readonly logRetention: logs.RetentionDays;
  /** The deployment as uses name it (tokens). */
  readonly deployed: Deployed;
  /** Every queue of the catalog, once the queues capability has built them. */
  readonly queues: Record<string, WorkQueue>;
  /** Every function of the catalog, once built (before `wire`). */
  readonly functions: Record<string, TowerFunction>;
  /** Each process's state machine, once the workflows capability has wired them. */
  readonly stateMachines: Record<string, ProcessStateMachine>;
  /** Gives a value under the capability's name, for `deployed.output(capability, name)`. */
  provide(capability: string, name: string, value: string): void;
  /** What capabilities provided, by `<capability>/<name>`. */
  readonly outputs: ReadonlyMap<string, string>;
}

/** An alarm a capability asks for; it joins the platform's alarm topic. */
export interface AlarmSpec {
  readonly id: string;
  readonly metric: cw.IMetric;
  readonly description: string;
  /** @default 1 */
  readonly threshold?: number;
}

/** What a capability adds to observability: alarms, widgets per process, and rows of its own. */
export interface Observed {
  readonly alarms?: readonly AlarmSpec[];
  /** Widgets in each process's dashboard row, after the earlier capabilities'. */
  readonly processWidgets?: (processId: string) => readonly cw.IWidget[];
  /** Rows of its own below the process rows. */
  readonly rows?: readonly (readonly cw.IWidget[])[];
}

/**
 * A capability's AWS side: `build` creates resources before the functions exist (their environment may
 * name what it provides), `wire` connects them once functions exist, `observe` adds alarms and widgets.
 */
export interface CapabilityInfra {
  build?(platform: PlatformParts): void;
  wire?(platform: PlatformParts): void;
  observe?(platform: PlatformParts): Observed;
}
