import { logger } from '../../../platform/shared/observability.ts';
import { readWarnings } from '../../../platform/shared/read-fields.ts';
import { headerOf, type NormalizedInvoice } from '../domain/invoice.ts';
import type { ExtractionResult } from '../domain/workflow.ts';
import { invoiceRuleSet } from '../rules/rule-set.ts';
import { type ExtractedDocument, extractionKey, parseArtifact } from './artifact.ts';
import type { ArtifactPorts } from './ports.ts';
import { extractionQuality, fieldConfidences } from './quality.ts';
import { invoiceReadFields } from './read-fields.ts';

export interface ExtractionContext {
  readonly document: ExtractedDocument;
  readonly workflowVersion: string;
  readonly executionArn: string;
}

/** The stored extraction, if any: a retry, a redrive or a recovery never pays Textract twice. */
export async function cachedExtraction(
  ports: Pick<ArtifactPorts, 'readArtifact'>,
  document: ExtractedDocument,
): Promise<NormalizedInvoice | undefined> {
  const key = extractionKey(document);
  const body = await ports.readArtifact(key);
  if (body === undefined) return undefined;
  const invoice = parseArtifact(body);
  if (invoice === undefined) logger.warn('Stored extraction is unreadable; extracting again', { key });
  return invoice;
}

/**
 * Ends an extraction the same way whichever path read the document: the artifact stored (unless it
 * came from the store), quality metrics, one EXTRACTED audit event, and the result for the state.
 */
export async function recordExtraction(
  ports: ArtifactPorts,
  context: ExtractionContext,
  invoice: NormalizedInvoice,
  source: 'textract:AnalyzeExpense' | 'textract:StartExpenseAnalysis' | 'stored',
): Promise<ExtractionResult> {
  const artifactKey = extractionKey(context.document);
  const { documentId } = context.document;
  // What was read: the content's hash (the id also names the process).
  const inputHash = context.document.contentSha256 ?? documentId;
  if (source !== 'stored') {
    await ports.writeArtifact(artifactKey, JSON.stringify(invoice));
    ports.recordQuality(extractionQuality(invoice));
  }
  await ports.audit.append(
    {
      documentId,
      step: 'extract',
      type: 'EXTRACTED',
      actor: { kind: 'model', id: source === 'stored' ? 'textract' : source },
      inputHash,
      versions: { workflow: context.workflowVersion },
      executionArn: context.executionArn,
      // What was read, minimised (values capped, no raw text), held to the thresholds the rules apply.
      details: {
        fields: invoiceReadFields(invoice, invoiceRuleSet.fieldConfidence),
        thresholdsFrom: invoiceRuleSet.version,
        warnings: readWarnings(invoice.warnings),
        confidences: fieldConfidences(invoice),
        warningCount: invoice.warnings.length,
        lineItemCount: invoice.lineItems.length,
        pageCount: invoice.pageCount,
        reused: source === 'stored',
        activeContent: (invoice.activeContent ?? []).map((f) => f.kind),
      },
    },
    { idempotencyKey: `${documentId}/${context.executionArn}/extract` },
  );
  logger.info('Extraction ready', {
    source,
    warningCount: invoice.warnings.length,
    lineItemCount: invoice.lineItems.length,
  });
  return { invoice: headerOf(invoice), artifactKey, inputHash, activeContent: invoice.activeContent ?? [] };
}
