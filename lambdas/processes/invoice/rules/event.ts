import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { ActiveContentFinding } from '../../../platform/inspection/active-content.ts';
import { PermanentError } from '../../../platform/shared/errors.ts';
import type { StepEvent } from '../../../platform/shared/workflow.ts';
import type { InvoiceHeader } from '../domain/invoice.ts';
import type { ScoreResult } from '../domain/workflow.ts';

/** What the ApplyRules Task hands this function (statemachines/invoice.asl.json). */
export type RulesEvent = StepEvent & {
  readonly invoice: InvoiceHeader;
  readonly score: ScoreResult;
  /** What extraction admission found in the document (ExtractionResult.activeContent). */
  readonly activeContent: readonly ActiveContentFinding[];
};

const field = z.nullable(z.object({ value: z.string(), confidence: z.number() }));
const nonEmpty = () => z.string().check(z.minLength(1));

// Only what the rules read is checked; the rest passes through untouched.
const eventSchema = z.looseObject({
  executionArn: nonEmpty(),
  workflowVersion: nonEmpty(),
  document: z.looseObject({ documentId: nonEmpty(), process: nonEmpty() }),
  invoice: z.looseObject({
    vendor: field,
    invoiceNumber: field,
    invoiceDate: field,
    dueDate: field,
    currency: field,
    total: field,
  }),
  score: z.looseObject({
    band: z.enum(['low', 'medium', 'high']),
    degraded: z.boolean(),
    degradedReason: z.optional(z.string()),
    modelVersion: z.string(),
    rationale: z.array(z.looseObject({ feature: z.string(), value: z.number() })),
  }),
  activeContent: z.array(z.looseObject({ kind: z.string(), automatic: z.boolean() })),
});

// zod/mini registers no locale, so the default messages in the error are asked for in English per parse.
const english = { error: en().localeError };

/** The event, checked; a malformed one is a contract fault between the ASL and this step, never retried. */
export function parseRulesEvent(raw: unknown): RulesEvent {
  const parsed = eventSchema.safeParse(raw, english);
  if (parsed.success) return raw as RulesEvent;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new PermanentError(`Rules event is invalid: ${problems.join('; ')}`);
}
