import { MetricUnit, metrics } from '../../../platform/shared/observability.ts';
import { type HeaderField, headerFields, type NormalizedInvoice } from '../domain/invoice.ts';

/** How well a document was read, for metrics and the audit trail (never the values themselves). */
export interface ExtractionQuality {
  /** Lowest confidence over the header fields that were read; 0 when none was. */
  readonly minConfidence: number;
  /** Header fields that were missing or unreadable. */
  readonly fieldsMissing: number;
}

/** Each header field's confidence, null when the field was not read. */
export function fieldConfidences(invoice: NormalizedInvoice): Record<HeaderField, number | null> {
  return Object.fromEntries(headerFields.map((name) => [name, invoice[name]?.confidence ?? null])) as Record<
    HeaderField,
    number | null
  >;
}

export function extractionQuality(invoice: NormalizedInvoice): ExtractionQuality {
  const confidences = Object.values(fieldConfidences(invoice));
  const present = confidences.filter((c): c is number => c !== null);
  return {
    minConfidence: present.length === 0 ? 0 : Math.min(...present),
    fieldsMissing: confidences.length - present.length,
  };
}

/** Publishes an extraction's quality as metrics (every extraction function reports the same two). */
export function publishQuality(quality: ExtractionQuality): void {
  metrics.addMetric('ExtractionConfidence', MetricUnit.Percent, quality.minConfidence);
  metrics.addMetric('FieldsMissing', MetricUnit.Count, quality.fieldsMissing);
}
