import type { ApprovalPolicy } from '../human-step/policy.ts';
import type { FunctionId, FunctionSpec } from './functions.ts';
import type { QueueId, QueueSpec } from './queues.ts';
import type { TableSpec } from './tables.ts';

/**
 * What a process gives the platform: its state machine, its own functions and queues, and the
 * placeholders its ASL uses. The platform gives it intake, the human step, finishing, failure
 * recording, quarantine, settlement of ended executions, the stores, audit and metrics (see
 * docs/processes.md). Pure data: the CDK app and the local runtime both build from it.
 */
export interface ProcessSpec {
  /** Short id (lowercase letters and digits, at most 15): it prefixes execution names and resource names. */
  readonly id: string;
  readonly title: string;
  /** Declared workflow version; the ASL content hash is appended at build time. */
  readonly version: string;
  /** Absolute path of the ASL file, resolved from the module that declares the process. */
  readonly definitionPath: string;
  /** Objects created under this prefix of the data bucket start this process. */
  readonly intakePrefix: string;
  /** The process's own functions; their ids are unique across Tower. */
  readonly functions: readonly FunctionSpec[];
  /** The process's own queues, each consumed by one of its functions. */
  readonly queues: readonly QueueSpec[];
  /** The process's own tables (its domain's stores); ids unique across Tower. */
  readonly tables: readonly TableSpec[];
  /** `${Placeholder}` in the ASL → the function whose ARN replaces it (the platform's are implied). */
  readonly functionPlaceholders: Readonly<Record<string, FunctionId>>;
  /** `${Placeholder}` in the ASL → the queue whose URL replaces it (sqs:sendMessage tasks). */
  readonly queuePlaceholders: Readonly<Record<string, QueueId>>;
  /** Parameters of the process's rules that a deployment may set (CDK context `processes.<id>.rules`). */
  readonly ruleParameters?: RuleParameters;
  /**
   * What the process teaches the local emulators, by capability (`textract`: its expense reader).
   * A lazy import, so that deployed bundles never hold it; each capability checks the shape it needs.
   */
  readonly standIns?: () => Promise<Readonly<Record<string, unknown>>>;
}

/** A process's configurable rule parameters: the defaults, and a check naming every bad field. */
export interface RuleParameters {
  readonly defaults: Readonly<Record<string, unknown>>;
  /**
   * Problems of a complete parameter set, each `<field> <problem>`, values shown; empty when valid.
   * The process's human-step policy is given, for parameters that only make sense with it.
   */
  validate(parameters: Readonly<Record<string, unknown>>, policy: ApprovalPolicy): readonly string[];
}
