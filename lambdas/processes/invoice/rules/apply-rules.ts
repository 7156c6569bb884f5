import {
  type ActiveContentFinding,
  describeActiveContent,
} from '../../../platform/inspection/active-content.ts';
import { PermanentError } from '../../../platform/shared/errors.ts';
import { hashJson } from '../../../platform/shared/hash.ts';
import type { DocumentRef } from '../../../platform/shared/workflow.ts';
import type { InvoiceHeader } from '../domain/invoice.ts';
import type { RulesResult, ScoreResult } from '../domain/workflow.ts';
import { approvalDecision } from './approval-request.ts';
import { addDays } from './dates.ts';
import { evaluate } from './engine.ts';
import { buildFacts, type RuleFacts } from './facts.ts';
import { percentOf } from './money.ts';
import type { InvoiceRuleParameters } from './parameters.ts';
import type { RuleDefinition, RuleEvent, RuleSet } from './rule-set.ts';
import { render } from './template.ts';

export interface RulesInput {
  readonly invoice: InvoiceHeader;
  readonly score: ScoreResult;
  /** Active content found at admission: always a person's decision, never completed unseen. @default [] */
  readonly activeContent?: readonly ActiveContentFinding[];
  /** The invoice's file, for the person to open. @default none */
  readonly document?: DocumentRef;
}

/** The reason a document with active content goes to a person, first of all reasons. */
export const activeContentRule = 'active-content';

type EventOf<T extends RuleEvent['type']> = Extract<RuleEvent, { readonly type: T }>;

/** The event of the first fired rule of a type: the highest-priority rule decides terms and discount. */
function firstEvent<T extends RuleEvent['type']>(
  fired: readonly RuleDefinition[],
  type: T,
): EventOf<T> | undefined {
  return fired.find((rule) => rule.event.type === type)?.event as EventOf<T> | undefined;
}

function termsOf(ruleSet: RuleSet, fired: readonly RuleDefinition[]): RulesResult['terms'] {
  const code = firstEvent(fired, 'terms')?.params.code ?? ruleSet.terms.default;
  const days = ruleSet.terms.codes[code];
  // loadRuleSet checked every code; this guards a RuleSet built by hand.
  if (days === undefined) throw new PermanentError(`Rule set ${ruleSet.version} has no terms code ${code}`);
  return { code, days };
}

function discountOf(ruleSet: RuleSet, fired: readonly RuleDefinition[], facts: RuleFacts) {
  const id = firstEvent(fired, 'discount')?.params.id;
  const discount = id === undefined ? undefined : ruleSet.discounts[id];
  const { total, invoiceDate } = facts.invoice;
  if (discount === undefined || total === null || invoiceDate === null) return null;
  return {
    percent: discount.percent,
    withinDays: discount.withinDays,
    deadline: addDays(invoiceDate, discount.withinDays),
    amount: percentOf(total, discount.percent),
  };
}

/**
 * Applies a rule set with the deployment's parameters to an invoice and its score: terms, due date,
 * discount and whether (and about what) a person must decide. Pure but for the engine's promise.
 */
export async function applyRules(
  input: RulesInput,
  parameters: InvoiceRuleParameters,
  ruleSet: RuleSet,
): Promise<RulesResult> {
  const facts = buildFacts(input.invoice, input.score, parameters, ruleSet.fieldConfidence);
  const ruleSetVersion = `${ruleSet.version}/params-${hashJson(parameters).slice(0, 8)}`;
  const fired = await evaluate(ruleSet, facts);
  const terms = termsOf(ruleSet, fired);
  const { dueDate, invoiceDate } = facts.invoice;
  const activeContent = input.activeContent ?? [];
  const reasons = [
    ...(activeContent.length > 0
      ? [{ rule: activeContentRule, message: describeActiveContent(activeContent) }]
      : []),
    ...fired.flatMap((rule) =>
      rule.event.type === 'approval'
        ? [{ rule: rule.name, message: render(rule.event.params.message, facts) }]
        : [],
    ),
  ];
  const due = dueDate ?? (invoiceDate === null ? null : addDays(invoiceDate, terms.days));
  return {
    ruleSetVersion,
    terms,
    dueDate: due,
    discount: discountOf(ruleSet, fired, facts),
    approval: approvalDecision({
      invoice: input.invoice,
      score: input.score,
      fields: facts.fields,
      dueDate: due,
      dueDateRead: dueDate !== null,
      terms,
      reasons,
      secondApprover: firstEvent(fired, 'second-approver') !== undefined,
      stepUp: firstEvent(fired, 'step-up') !== undefined,
      ruleSetVersion,
      ...(input.document ? { document: input.document } : {}),
    }),
    fired: fired.map((rule) => rule.name),
    inputHash: hashJson(facts),
  };
}
