import type { Catalog } from '../../lambdas/platform/registry/catalog.ts';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import type { TowerConfig } from '../../lib/config/index.ts';
import type { SentEmail } from '../emulators/ses.ts';
import type { SqsPoller } from '../event-sources/sqs-poller.ts';
import type { IamParity } from '../iam/parity.ts';
import type { LambdaHost } from '../lambda/host.ts';
import type { EnvironmentFailure } from '../lambda/invocation.ts';
import type { LocalStepFunctions } from '../stepfunctions/service.ts';
import type { LocalCapability } from './capability-local.ts';
import type { Endpoints, LocalClients } from './clients.ts';
import type { FaultInjector } from './faults.ts';
import type { LocalNames, QueueRef } from './resources.ts';
import type { LocalRuntimeSettings } from './runtime-settings.ts';
import type { ShutdownReport } from './shutdown.ts';

/** What the local runtime runs (the capabilities and processes) and how. */
export interface LocalRuntimeOptions extends LocalRuntimeSettings {
  /** The capabilities to run, in build order (npm start runs Tower's, lambdas/platform/capabilities.ts). */
  readonly capabilities: readonly LocalCapability[];
  /** The processes to run (npm start runs the registered ones). */
  readonly processes: readonly ProcessSpec[];
}

export interface LocalRuntime {
  readonly config: TowerConfig;
  /** The platform's and the processes' functions, queues and tables, as deployed here. */
  readonly catalog: Catalog;
  readonly names: LocalNames;
  readonly endpoints: Endpoints & { readonly approvals: string };
  readonly clients: LocalClients;
  readonly lambda: LambdaHost;
  readonly stepFunctions: LocalStepFunctions;
  /** The intake queue's event source mapping: paused when a function cannot start. */
  readonly intake: SqsPoller;
  /** The event source mapping of every queue. */
  readonly pollers: Readonly<Record<string, SqsPoller>>;
  readonly faults: FaultInjector;
  readonly queues: Record<string, QueueRef>;
  /** Every message the local SES has sent, kept under the data directory. */
  readonly mailbox: () => Promise<SentEmail[]>;
  readonly dataDir: string;
  /** The IAM evaluation of the run's calls; undefined when it is off. */
  readonly iam?: IamParity;
  /** Executions found cut off at start-up (marked, and resumed unless disabled). */
  readonly interrupted: readonly string[];
  /** Intake objects announced again at start-up because their events were lost. */
  readonly reannounced: number;
  /** Half-written objects a hard stop left in the local S3, removed at start-up. */
  readonly incompleteUploadsRemoved: number;
  /** What a capability's local side hands tools and tests (the Textract server), by capability. */
  handle<T>(capability: string): T;
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
