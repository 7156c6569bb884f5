import type { DocumentStatus } from '../../lambdas/platform/shared/status.ts';

/** How large the scenarios are: `full` for `npm run reliability`, `small` (tens of documents) for tests. */
export type Scale = 'full' | 'small';

/** Where one dropped document is meant to end, and when it was dropped. */
export interface Expectation {
  readonly documentId: string;
  /** What kind of input it is (`invoice`, `empty`, `zip-bomb`…), for the report's details. */
  readonly label: string;
  /** Epoch ms of its first drop (start of the upload). */
  readonly droppedAt: number;
  /** Where it may settle; a non-terminal status here (AWAITING_APPROVAL) counts as settled. */
  readonly statuses: readonly DocumentStatus[];
  /** For FAILED: the failure class it must carry. */
  readonly failureClass?: 'transient' | 'permanent';
  /** Its original must be kept under quarantine/ (REJECTED_INPUT). */
  readonly quarantined?: boolean;
}

/** One scenario's line in the report: every count read from the runtime's data, not from the driver. */
export interface ScenarioRow {
  readonly id: number;
  readonly scenario: string;
  /** Unique documents the scenario dropped (unique contents). */
  readonly documents: number;
  /** Settled where expected. */
  readonly expected: number;
  /** Not settled within the scenario's deadline (or never recorded). */
  readonly lost: number;
  /** Documents with more than one execution or a side effect recorded twice. */
  readonly duplicated: number;
  /** Settled, but not where expected (or documents nobody dropped). */
  readonly wrong: number;
  /** Documents whose audit hash chain is broken (audit-chain.ts names the first broken link). */
  readonly chains: number;
  /** Documents with a status move that no STATUS_CHANGED event records. */
  readonly unaudited: number;
  /** p95 of drop → terminal (or → the expected waiting status), ms. */
  readonly p95LatencyMs: number | null;
  readonly wallMs: number;
  /** What else the data shows (retries, refusals, approvals…). */
  readonly notes: readonly string[];
  /** The first few problems, one line each, naming the document. */
  readonly problems: readonly string[];
}

/** What a scenario's run hands the judge: its expectations and what it deliberately did on the side. */
export interface ScenarioOutcome {
  readonly expectations: readonly Expectation[];
  /** Executions the scenario started by hand on purpose (stale duplicates); they must change nothing. */
  readonly handStarted?: readonly string[];
  readonly notes?: readonly string[];
  /** Problems the scenario found itself (e.g. a false "approved" page). */
  readonly problems?: readonly string[];
  /** Counted as duplicated on top of what the data shows (e.g. two decisions reported for one click). */
  readonly extraDuplicated?: number;
  /** Counted as wrong on top of the judge's count. */
  readonly extraWrong?: number;
}

export interface ScenarioContext {
  readonly scale: Scale;
  readonly log: (line: string) => void;
  /**
   * A DynamoDB Local that in-process runtimes share (tests); child processes start their own.
   * @default each runtime starts its own
   */
  readonly sharedDynamoDb?: string;
}

export interface Scenario {
  readonly id: number;
  readonly name: string;
  run(context: ScenarioContext): Promise<ScenarioRow>;
}
