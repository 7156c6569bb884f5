import type { Context } from 'aws-lambda';
import { PermanentError } from '../../../platform/shared/errors.ts';
import {
  instrument,
  logger,
  MetricUnit,
  metrics,
  stepCorrelation,
} from '../../../platform/shared/observability.ts';
import type { StepEvent } from '../../../platform/shared/workflow.ts';
import { type AuditTrail, DynamoAuditTrail } from '../../../platform/stores/audit.ts';
import type { InvoiceHeader } from '../domain/invoice.ts';
import { DynamoVendorHistory, type VendorHistory, vendorIdOf } from '../domain/vendors.ts';
import type { ScoreResult } from '../domain/workflow.ts';
import { bundledModelSource, type ModelSource } from './model-source.ts';
import { scoreVendorRisk } from './score.ts';

/** What the Score state hands this function (statemachines/invoice.asl.json). */
export type ScoreEvent = StepEvent & { readonly invoice: InvoiceHeader };
export type ScoreHandler = (event: ScoreEvent, context: Context) => Promise<ScoreResult>;

type MetricUnitValue = (typeof MetricUnit)[keyof typeof MetricUnit];

export interface ScoreDeps {
  readonly history: Pick<VendorHistory, 'recent'>;
  readonly models: ModelSource;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly metrics: { addMetric(name: string, unit: MetricUnitValue, value: number): unknown };
}

function parseEvent(event: unknown): ScoreEvent {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Partial<ScoreEvent>;
  const valid =
    typeof e.document?.documentId === 'string' &&
    typeof e.executionArn === 'string' &&
    typeof e.invoice === 'object' &&
    e.invoice !== null;
  if (!valid) throw new PermanentError('Score event needs document.documentId, executionArn and invoice');
  return e as ScoreEvent;
}

/** Scores one invoice's vendor risk, audits the decision once per execution, and reports it as metrics. */
export function createScoreHandler(deps: ScoreDeps): ScoreHandler {
  return instrument('score', stepCorrelation, async (raw) => {
    const event = parseEvent(raw);
    const { documentId } = event.document;
    const vendorName = event.invoice.vendor?.value.trim();
    // Without a vendor name there is no history to read: the scorer treats it as a new vendor.
    const history = vendorName ? await deps.history.recent(vendorIdOf(vendorName)) : [];
    const result = await scoreVendorRisk({ documentId, invoice: event.invoice, history }, deps.models);

    await deps.audit.append(
      {
        documentId,
        step: 'score',
        type: 'SCORED',
        actor: { kind: 'model', id: result.modelVersion },
        decision: result.band,
        rationale: result.rationale.map((c) => c.explanation),
        inputHash: result.inputHash,
        versions: { workflow: event.workflowVersion, model: result.modelVersion },
        executionArn: event.executionArn,
        details: {
          score: result.score,
          method: result.method,
          degraded: result.degraded,
          ...(result.degradedReason ? { degradedReason: result.degradedReason } : {}),
        },
      },
      { idempotencyKey: `${documentId}/${event.executionArn}/score` },
    );
    deps.metrics.addMetric('RiskScore', MetricUnit.NoUnit, Math.round(result.score * 100));
    // Always emitted (0 or 1), so its average is the share of degraded scores.
    deps.metrics.addMetric('ScoreDegraded', MetricUnit.Count, result.degraded ? 1 : 0);
    logger.info('Scored', {
      band: result.band,
      method: result.method,
      degraded: result.degraded,
      degradedReason: result.degradedReason,
      modelVersion: result.modelVersion,
      historyCount: history.length,
    });
    return result;
  });
}

let live: ScoreHandler | undefined;

/** The deployed handler; its adapters are built on first use, so importing this module reads no environment. */
export const handler: ScoreHandler = (event, context) => {
  live ??= createScoreHandler({
    history: new DynamoVendorHistory(),
    models: bundledModelSource,
    audit: new DynamoAuditTrail(),
    metrics,
  });
  return live(event, context);
};
