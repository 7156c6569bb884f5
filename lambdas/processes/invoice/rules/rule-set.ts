import type { TopLevelCondition } from 'json-rules-engine';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { PermanentError } from '../../../platform/shared/errors.ts';
import { hashJson } from '../../../platform/shared/hash.ts';
import type { InvoiceHeader } from '../domain/invoice.ts';
import { conditionProblems } from './conditions.ts';
import { buildFacts, type CheckedField, checkedFields } from './facts.ts';
import { defaultRuleParameters } from './parameters.ts';
import invoiceRulesJson from './rulesets/invoice.rules.json' with { type: 'json' };
import { hasPath, placeholders } from './template.ts';

/**
 * A rule set: payment terms, discounts, field-confidence thresholds and json-rules-engine rules, as
 * data. Its version is the declared one plus a content hash, so an edited file can never pass for
 * the version it was edited from.
 */

export type RuleEvent =
  | { readonly type: 'terms'; readonly params: { readonly code: string } }
  | { readonly type: 'discount'; readonly params: { readonly id: string } }
  | { readonly type: 'approval'; readonly params: { readonly message: string } }
  | { readonly type: 'second-approver' }
  | { readonly type: 'step-up' };
// `step-up` asks for a one-time code whatever the human-step policy says; the policy's own step-up applies too.

export interface RuleDefinition {
  readonly name: string;
  /** Higher runs first; ties keep file order. */
  readonly priority: number;
  readonly conditions: TopLevelCondition;
  readonly event: RuleEvent;
}

export interface Discount {
  readonly percent: number;
  readonly withinDays: number;
}

export interface RuleSet {
  /** `<name>-rules@<declared version>+<first 8 hex of the file's canonical JSON hash>`. */
  readonly version: string;
  readonly terms: { readonly default: string; readonly codes: Readonly<Record<string, number>> };
  readonly discounts: Readonly<Record<string, Discount>>;
  readonly fieldConfidence: Readonly<Record<CheckedField, number>>;
  readonly rules: readonly RuleDefinition[];
}

const confidence = z.number().check(z.minimum(0), z.maximum(100));
const wholeFrom = (min: number) => z.number().check(z.int(), z.minimum(min));
const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('terms'), params: z.strictObject({ code: z.string() }) }),
  z.strictObject({ type: z.literal('discount'), params: z.strictObject({ id: z.string() }) }),
  z.strictObject({
    type: z.literal('approval'),
    params: z.strictObject({ message: z.string().check(z.minLength(1)) }),
  }),
  z.strictObject({ type: z.literal('second-approver') }),
  z.strictObject({ type: z.literal('step-up') }),
]);
const ruleSetSchema = z.strictObject({
  version: z.string().check(z.regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version')),
  terms: z.strictObject({
    default: z.string(),
    codes: z.record(z.string().check(z.regex(/^[A-Z0-9_]+$/)), wholeFrom(0)),
  }),
  discounts: z.record(
    z.string().check(z.minLength(1)),
    z.strictObject({
      percent: z.number().check(
        z.gt(0),
        z.lt(100),
        z.refine(
          (p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9,
          'must have at most two decimal places',
        ),
      ),
      withinDays: wholeFrom(0),
    }),
  ),
  fieldConfidence: z.strictObject(
    Object.fromEntries(checkedFields.map((f) => [f, confidence])) as Record<CheckedField, typeof confidence>,
  ),
  rules: z
    .array(
      z.strictObject({
        name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case')),
        priority: z._default(wholeFrom(1), 1),
        conditions: z.unknown(),
        event: eventSchema,
      }),
    )
    .check(z.minLength(1)),
});

// zod/mini registers no locale, so the default messages in the error are asked for in English per parse.
const english = { error: en().localeError };

const noField = null;
/** An invoice with every field absent: its facts have every key, which is all the shape check needs. */
const blankInvoice: InvoiceHeader = {
  vendor: noField,
  invoiceNumber: noField,
  invoiceDate: noField,
  dueDate: noField,
  currency: noField,
  subtotal: noField,
  tax: noField,
  total: noField,
  bankAccountHash: null,
  pageCount: 0,
  warnings: [],
  lineItemCount: 0,
};

/** Validates a parsed rule-set file; a PermanentError lists every problem found. */
export function loadRuleSet(name: string, raw: unknown): RuleSet {
  const fail = (problems: readonly string[]) =>
    new PermanentError(`Rule set ${name} is invalid: ${problems.join('; ')}`);
  const parsed = ruleSetSchema.safeParse(raw, english);
  if (!parsed.success)
    throw fail(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const data = parsed.data;
  const shape = buildFacts(
    blankInvoice,
    {
      score: 0,
      band: 'low',
      rationale: [],
      features: {},
      modelVersion: '',
      method: 'model',
      degraded: false,
      inputHash: '',
    },
    defaultRuleParameters,
    data.fieldConfidence,
  ) as unknown as Readonly<Record<string, unknown>>;
  const problems: string[] = [];
  if (!Object.hasOwn(data.terms.codes, data.terms.default))
    problems.push(`terms.default: ${data.terms.default} is not one of terms.codes`);
  const seen = new Set<string>();
  data.rules.forEach((rule, i) => {
    const where = `rules[${i}] (${rule.name})`;
    if (seen.has(rule.name)) problems.push(`${where}: duplicate rule name`);
    seen.add(rule.name);
    problems.push(...conditionProblems(rule.conditions, `${where}.conditions`, shape));
    const event = rule.event;
    if (event.type === 'terms' && !Object.hasOwn(data.terms.codes, event.params.code))
      problems.push(`${where}.event: unknown terms code ${event.params.code}`);
    if (event.type === 'discount' && !Object.hasOwn(data.discounts, event.params.id))
      problems.push(`${where}.event: unknown discount ${event.params.id}`);
    if (event.type === 'approval')
      for (const path of placeholders(event.params.message))
        if (!hasPath(shape, path)) problems.push(`${where}.event: unknown placeholder {${path}}`);
  });
  if (problems.length > 0) throw fail(problems);
  return {
    version: `${name}-rules@${data.version}+${hashJson(raw).slice(0, 8)}`,
    terms: data.terms,
    discounts: data.discounts,
    fieldConfidence: data.fieldConfidence,
    // Conditions were checked node by node above.
    rules: data.rules.map((rule) => ({ ...rule, conditions: rule.conditions as TopLevelCondition })),
  };
}

/** The invoice rule set shipped with this function, validated when the module loads. */
export const invoiceRuleSet: RuleSet = loadRuleSet('invoice', invoiceRulesJson);
