import type { HumanStepRequest } from '../../../platform/human-step/request.ts';
import type { ActiveContentFinding } from '../../../platform/inspection/active-content.ts';
import type { InvoiceHeader } from './invoice.ts';

/**
 * What the invoice's own steps hand each other through the state (see statemachines/invoice.workflow.json):
 * the extraction, the risk score and the rules' result.
 */

export interface ExtractionResult {
  readonly invoice: InvoiceHeader;
  /** S3 key of the full normalised invoice, line items included. */
  readonly artifactKey: string;
  readonly inputHash: string;
  /** Active content in the document (empty when none): the rules send such a document to a person. */
  readonly activeContent: readonly ActiveContentFinding[];
}

export type RiskBand = 'low' | 'medium' | 'high';

export interface Contribution {
  readonly feature: string;
  readonly value: number;
  /** Signed contribution to the log-odds (model) or points (heuristic). */
  readonly contribution: number;
  readonly explanation: string;
}

export interface ScoreResult {
  readonly score: number;
  readonly band: RiskBand;
  /** Top contributing features, largest first. */
  readonly rationale: readonly Contribution[];
  /** Every feature's value, so later steps can act on a signal whether or not it made the top three. */
  readonly features: Readonly<Record<string, number>>;
  readonly modelVersion: string;
  readonly method: 'model' | 'heuristic';
  readonly degraded: boolean;
  readonly degradedReason?: string;
  readonly inputHash: string;
}

/** Whether a person must decide, and what they are asked: the platform's human step renders it as is. */
export interface ApprovalDecisionNeeded {
  readonly required: boolean;
  /** Rule names and messages that asked for a person. */
  readonly reasons: readonly { readonly rule: string; readonly message: string }[];
  readonly request: HumanStepRequest;
}

export interface RulesResult {
  readonly ruleSetVersion: string;
  readonly terms: { readonly code: string; readonly days: number };
  readonly dueDate: string | null;
  readonly discount: {
    readonly percent: number;
    readonly withinDays: number;
    readonly deadline: string;
    readonly amount: string;
  } | null;
  readonly approval: ApprovalDecisionNeeded;
  /** Names of the rules that fired, in order. */
  readonly fired: readonly string[];
  readonly inputHash: string;
}
