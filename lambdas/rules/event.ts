import { z } from 'zod';
import { PermanentError } from '../shared/errors.ts';
import type { InvoiceHeader } from '../shared/invoice.ts';
import type { ScoreResult, StepEvent } from '../shared/workflow.ts';

/** What the ApplyRules Task hands this function (statemachines/invoice.asl.json). */
export type RulesEvent = StepEvent & { readonly invoice: InvoiceHeader; readonly score: ScoreResult };

const field = z.object({ value: z.string(), confidence: z.number() }).nullable();

// Only what the rules read is checked; the rest passes through untouched.
const eventSchema = z.looseObject({
  executionArn: z.string().min(1),
  workflowVersion: z.string().min(1),
  document: z.looseObject({ documentId: z.string().min(1), process: z.string().min(1) }),
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
    degradedReason: z.string().optional(),
    modelVersion: z.string(),
    rationale: z.array(z.looseObject({ feature: z.string(), value: z.number() })),
  }),
});

/** The event, checked; a malformed one is a contract fault between the ASL and this step, never retried. */
export function parseRulesEvent(raw: unknown): RulesEvent {
  const parsed = eventSchema.safeParse(raw);
  if (parsed.success) return raw as RulesEvent;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new PermanentError(`Rules event is invalid: ${problems.join('; ')}`);
}
