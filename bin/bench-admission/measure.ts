import type { HistoryEvent } from '../../local/stepfunctions/executions.ts';
import { failureOf, retriesOf } from '../../local/stepfunctions/history-reading.ts';

/** What one admission run left behind, read from the data (not from what the driver believes). */
export interface AdmissionData {
  readonly documents: number;
  readonly configuredRate: number;
  /** AnalyzeExpense calls answered and when the first and last were. */
  readonly analyzeCalls: number;
  readonly window: { readonly first: number; readonly last: number } | undefined;
  /** Calls the local Textract refused for exceeding the rate (retried inside the consumer). */
  readonly throttledAtService: number;
  readonly firstDropAt: number;
  /** Terminal documents and when each became terminal. */
  readonly terminal: readonly { readonly documentId: string; readonly at: number }[];
  /** Every execution's history, by document id. */
  readonly executions: readonly { readonly documentId: string; readonly events: readonly HistoryEvent[] }[];
  /** EXTRACTED audit events per document. */
  readonly extractedEvents: ReadonlyMap<string, number>;
  readonly expectedDocumentIds: readonly string[];
}

export interface AdmissionReport {
  readonly documents: number;
  readonly configuredRate: number;
  readonly achievedRate: number;
  readonly rateRatio: number;
  readonly throttledAtService: number;
  readonly throttlingSeenByWorkflow: number;
  readonly retryTransitionsPerDocument: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly drainSeconds: number;
  readonly idealSeconds: number;
}

const throttle = /Throttl|ProvisionedThroughputExceeded|LimitExceeded/;

/**
 * The admission figures: the Textract rate achieved against the configured one, throttling that
 * reached a workflow (must be 0), Step Functions retries per document, lost and duplicated documents,
 * and the drain time against the ideal (documents ÷ rate).
 */
export function measureAdmission(data: AdmissionData): AdmissionReport {
  const span = data.window ? (data.window.last - data.window.first) / 1000 : 0;
  // n calls spread over a window span define n - 1 intervals.
  const achievedRate = span > 0 ? (data.analyzeCalls - 1) / span : 0;
  const throttlingSeenByWorkflow = data.executions.reduce(
    (n, e) => n + e.events.filter((ev) => throttle.test(JSON.stringify(failureOf(ev) ?? ''))).length,
    0,
  );
  const retries = data.executions.reduce((n, e) => n + retriesOf(e.events), 0);
  const terminalIds = new Set(data.terminal.map((t) => t.documentId));
  const executionsPerDocument = new Map<string, number>();
  for (const e of data.executions)
    executionsPerDocument.set(e.documentId, (executionsPerDocument.get(e.documentId) ?? 0) + 1);
  const duplicated = data.expectedDocumentIds.filter(
    (id) => (executionsPerDocument.get(id) ?? 0) > 1 || (data.extractedEvents.get(id) ?? 0) > 1,
  ).length;
  const lastTerminal = Math.max(data.firstDropAt, ...data.terminal.map((t) => t.at));
  return {
    documents: data.documents,
    configuredRate: data.configuredRate,
    achievedRate,
    rateRatio: data.configuredRate > 0 ? achievedRate / data.configuredRate : 0,
    throttledAtService: data.throttledAtService,
    throttlingSeenByWorkflow,
    retryTransitionsPerDocument: data.documents > 0 ? retries / data.documents : 0,
    lost: data.expectedDocumentIds.filter((id) => !terminalIds.has(id)).length,
    duplicated,
    drainSeconds: (lastTerminal - data.firstDropAt) / 1000,
    idealSeconds: data.configuredRate > 0 ? data.documents / data.configuredRate : 0,
  };
}
