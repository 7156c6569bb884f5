import { envVars } from '../registry/functions.ts';
import { AuditTrail } from '../shared/audit.ts';
import { s3 } from '../shared/clients/s3.ts';
import { textract } from '../shared/clients/textract.ts';
import { requiredEnv } from '../shared/env.ts';
import { PermanentError } from '../shared/errors.ts';
import { headerOf, type NormalizedInvoice } from '../shared/invoice.ts';
import { instrument, logger, MetricUnit, metrics } from '../shared/observability.ts';
import type { ExtractionResult, StepEvent } from '../shared/workflow.ts';
import { s3ArtifactStore, s3DocumentSource, textractExpenseAnalyzer } from './adapters.ts';
import { extractionKey, parseArtifact } from './artifact.ts';
import { extractInvoice } from './extract-invoice.ts';
import type { ExtractDeps } from './ports.ts';
import { extractionQuality, fieldConfidences } from './quality.ts';

export type { ExtractDeps } from './ports.ts';

/**
 * The Extract task: reuses the stored extraction when there is one (a retry or redrive never pays
 * Textract twice), else checks the input, runs AnalyzeExpense and stores the normalised invoice.
 * Returns the header for the state; line items stay in S3.
 */
export function createExtractHandler(deps: ExtractDeps) {
  return async (input: StepEvent): Promise<ExtractionResult> => {
    const event = parseStepEvent(input);
    const { document, executionArn } = event;
    const artifactKey = extractionKey(document.documentId);
    let invoice = await loadArtifact(deps, artifactKey);
    const reused = invoice !== undefined;
    if (invoice === undefined) {
      invoice = await extractInvoice(deps, document);
      await deps.writeArtifact(artifactKey, JSON.stringify(invoice));
      deps.recordQuality(extractionQuality(invoice));
    }
    await deps.audit.append(
      {
        documentId: document.documentId,
        step: 'extract',
        type: 'EXTRACTED',
        actor: { kind: 'model', id: 'textract:AnalyzeExpense' },
        inputHash: document.documentId,
        versions: { workflow: event.workflowVersion },
        executionArn,
        details: {
          confidences: fieldConfidences(invoice),
          warningCount: invoice.warnings.length,
          lineItemCount: invoice.lineItems.length,
          pageCount: invoice.pageCount,
        },
      },
      { idempotencyKey: `${document.documentId}/${executionArn}/extract` },
    );
    logger.info('Extraction ready', {
      reused,
      warningCount: invoice.warnings.length,
      lineItemCount: invoice.lineItems.length,
    });
    return { invoice: headerOf(invoice), artifactKey, inputHash: document.documentId };
  };
}

async function loadArtifact(deps: ExtractDeps, key: string): Promise<NormalizedInvoice | undefined> {
  const body = await deps.readArtifact(key);
  if (body === undefined) return undefined;
  const invoice = parseArtifact(body);
  if (invoice === undefined) logger.warn('Stored extraction is unreadable; extracting again', { key });
  return invoice;
}

/** The Task's Parameters, checked: a malformed event is a wiring fault, never retried. */
function parseStepEvent(event: StepEvent): StepEvent {
  const doc = (event as Partial<StepEvent> | undefined)?.document;
  const ok =
    typeof doc?.documentId === 'string' &&
    doc.documentId !== '' &&
    typeof doc.bucket === 'string' &&
    typeof doc.key === 'string' &&
    typeof event.executionArn === 'string' &&
    typeof event.workflowVersion === 'string';
  if (!ok) throw new PermanentError('Extract event lacks document, executionArn or workflowVersion');
  return event;
}

function liveDeps(): ExtractDeps {
  return {
    ...s3DocumentSource(s3),
    ...s3ArtifactStore(s3, requiredEnv(envVars.bucket)),
    analyzeExpense: textractExpenseAnalyzer(textract),
    audit: new AuditTrail(),
    recordQuality: (quality) => {
      metrics.addMetric('ExtractionConfidence', MetricUnit.Percent, quality.minConfidence);
      metrics.addMetric('FieldsMissing', MetricUnit.Count, quality.fieldsMissing);
    },
  };
}

let live: ReturnType<typeof createExtractHandler> | undefined;

/** Adapters are built on first use, so importing this module (tests, tooling) needs no environment. */
export const handler = instrument(
  'extract',
  (event: StepEvent) => ({
    documentId: event.document?.documentId,
    executionArn: event.executionArn,
    process: event.document?.process,
  }),
  (event: StepEvent) => {
    live ??= createExtractHandler(liveDeps());
    return live(event);
  },
);
