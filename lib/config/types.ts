import type { ApprovalPolicy } from '../../lambdas/platform/human-step/policy.ts';
import type { ActiveContentPolicy } from '../../lambdas/platform/inspection/active-content.ts';

/** Deployment stage; `prod` retains data stores and turns on deletion protection. */
export type Stage = 'dev' | 'staging' | 'prod';

/** Textract admission settings (the account's quotas), validated now for the rate limiter. */
export interface TextractConfig {
  /** Synchronous calls per second (AnalyzeExpense). @default 1 */
  readonly syncTps: number;
  /** Asynchronous job starts per second (StartExpenseAnalysis). @default 1 */
  readonly startTps: number;
  /** Result page reads per second (GetExpenseAnalysis, its own quota). @default 1 */
  readonly getTps: number;
  /** Asynchronous jobs running at once. @default 100 */
  readonly maxConcurrentJobs: number;
}

/** What one process may configure: its human-step policy and its rules' parameters. */
export interface ProcessConfig {
  /** The default policy with the context's overrides applied (`processes.<id>.approval`). */
  readonly approval: ApprovalPolicy;
  /** The process's rule parameters with the context's overrides applied (`processes.<id>.rules`). */
  readonly rules: Readonly<Record<string, unknown>>;
  /**
   * A PDF with active content (JavaScript, launch actions, embedded files…): `review` sends it to a
   * person with the reason shown, `reject` quarantines it (`processes.<id>.activeContent`). @default 'review'
   */
  readonly activeContent: ActiveContentPolicy;
}

/**
 * Tower's deployment settings, parsed from CDK context by `parseConfig`. Pure data: the CDK app and the
 * local runtime both read it.
 */
export interface TowerConfig {
  /** @default 'dev' */
  readonly stage: Stage;
  /** Verified SES identity the approval emails come from. Required. */
  readonly senderAddress: string;
  /**
   * Whether the account is in the SES sandbox, where SES also authorises `ses:SendEmail` on each
   * recipient's identity. @default true (every new account starts there)
   */
  readonly sesSandbox: boolean;
  /**
   * Verified identities (addresses or domains) recipients are, granted `ses:SendEmail` while in the
   * sandbox. @default every approver and escalation approver address of the processes' approval policies
   */
  readonly sesRecipientIdentities: readonly string[];
  /** Subscribed to the alarm topic when set. @default - no subscription */
  readonly alarmEmail?: string;
  /** Most start-execution instances the intake queue may drive at once (SQS maxConcurrency). @default 5 */
  readonly intakeMaxConcurrency: number;
  /** Approval API steady-state requests per second (stage throttling). @default 10 */
  readonly approvalApiRateLimit: number;
  /** Approval API burst (stage throttling). @default 20 */
  readonly approvalApiBurstLimit: number;
  /** Retention of every log group, in days (a CloudWatch Logs retention value). @default 30, 365 in prod */
  readonly logRetentionDays: number;
  readonly textract: TextractConfig;
  /** Settings per process id (the process list of lambdas/processes/, or the one given). */
  readonly processes: Readonly<Record<string, ProcessConfig>>;
}
