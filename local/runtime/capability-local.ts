import type { CapabilityParts, Catalog } from '../../lambdas/platform/registry/catalog.ts';
import type { TowerConfig } from '../../lib/config/index.ts';
import type { S3Notification } from '../emulators/s3.ts';
import type { IamParity } from '../iam/parity.ts';
import type { EndpointRequest, MappingScope, RequiredCall } from '../iam/requests.ts';
import type { LambdaHost } from '../lambda/host.ts';
import type { LocalStepFunctions } from '../stepfunctions/service.ts';
import type { LocalClients } from './clients.ts';
import type { FaultInjector } from './faults.ts';
import type { LocalNames, QueueRef } from './resources.ts';
import type { LocalRuntimeSettings } from './runtime-settings.ts';
import type { Shutdown } from './shutdown.ts';

/**
 * The local runtime as capabilities see it while it starts: settings, catalog and names, then what
 * each phase adds (endpoints, clients, queues, IAM, the Lambda host, Step Functions).
 */
export interface LocalParts {
  readonly dataDir: string;
  readonly region: string;
  readonly names: LocalNames;
  readonly config: TowerConfig;
  readonly catalog: Catalog;
  readonly options: LocalRuntimeSettings;
  readonly faults: FaultInjector;
  readonly shutdown: Shutdown;
  /** Each emulated service's endpoint, by the SDK's service id (`dynamodb`, `s3`, `sqs`, `textract`…). */
  readonly endpoints: Record<string, string>;
  /** Clients on the emulators themselves (no IAM in between), once every emulator runs. */
  clients: LocalClients;
  /** Every queue of the catalog, once created. */
  readonly queues: Record<string, QueueRef>;
  /** Gives a value under the capability's name, for the functions' environment (`deployed.output`). */
  provide(capability: string, name: string, value: string): void;
  readonly outputs: ReadonlyMap<string, string>;
  /** What a capability hands tools and tests (the Textract server, the mailbox), by capability. */
  readonly handles: Map<string, unknown>;
  /** Evaluates calls against the template's IAM; undefined when it is off. */
  iam?: IamParity;
  lambda?: LambdaHost;
  stepFunctions?: LocalStepFunctions;
  /** Listens to the local S3's object-created events (the data capability sets it when S3 runs). */
  onS3Event: (listener: (event: S3Notification) => void) => void;
  /** Values reported at start-up (intake objects announced again, executions resumed…). */
  readonly startup: Record<string, number>;
}

/**
 * A capability's side of the local runtime: its emulators, its resources, how it connects once the
 * functions run, and the IAM request mapping of the AWS API it emulates. Every step is optional.
 */
export interface CapabilityLocal {
  /** Starts its emulators and records their endpoints (before anything else). */
  emulate?(parts: LocalParts): Promise<void>;
  /** Creates its resources and provides what the functions' environment names. */
  create?(parts: LocalParts): Promise<void>;
  /** Connects what runs once the functions do: event sources, deliveries, hooks. */
  connect?(parts: LocalParts): Promise<void>;
  /** The authorisations AWS makes for a request to the service it emulates (the IAM proxy asks). */
  readonly requests?: {
    readonly service: string;
    map(request: EndpointRequest, scope: MappingScope): RequiredCall[];
  };
}

/** A capability as the runtime takes it: its catalog parts and its local side (the manifest satisfies it). */
export interface LocalCapability extends CapabilityParts {
  readonly local?: () => Promise<CapabilityLocal>;
}
