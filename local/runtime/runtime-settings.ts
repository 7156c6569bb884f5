import type { LocalTextractOptions } from '../emulators/textract.ts';
import type { SynthesizedTemplate } from '../iam/template.ts';
import type { FaultRule } from './faults.ts';

/** How the local runtime runs, apart from what it runs (a capability's local side reads these). */
export interface LocalRuntimeSettings {
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
  /** Faults to inject into function invocations (see local/runtime/faults.ts). @default none */
  readonly faults?: readonly FaultRule[];
  readonly region?: string;
  /**
   * The URL of a DynamoDB Local that several runtimes share, started without `-sharedDb` (tests: one
   * JVM per test run): this runtime's tables are a database of their own there, keyed on its data
   * directory. @default a DynamoDB Local of its own, its tables under `<dataDir>/dynamodb-local/`
   */
  readonly sharedDynamoDb?: string;
  /**
   * Evaluate every AWS call against the synthesized template's IAM (as AWS would). @default true,
   * unless TOWER_IAM=off
   */
  readonly iam?: boolean;
  /** Changes the synthesized template before it is evaluated against (tests: a grant removed, a deny added). */
  readonly iamTemplate?: (template: SynthesizedTemplate) => SynthesizedTemplate;
}
