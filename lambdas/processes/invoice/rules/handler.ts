import {
  instrument,
  logger,
  MetricUnit,
  metrics,
  stepCorrelation,
} from '../../../platform/shared/observability.ts';
import { type AuditTrail, DynamoAuditTrail } from '../../../platform/stores/audit.ts';
import type { RulesResult } from '../domain/workflow.ts';
import { applyRules } from './apply-rules.ts';
import { parseRulesEvent, type RulesEvent } from './event.ts';
import { type InvoiceRuleParameters, loadRuleParameters, parseRuleParameters } from './parameters.ts';
import { invoiceRuleSet, type RuleSet } from './rule-set.ts';

export interface RulesDeps {
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly parameters: InvoiceRuleParameters;
  /** @default the invoice rule set shipped in rulesets/ */
  readonly ruleSet?: RuleSet;
}

/**
 * The rules step: applies the rule set, audits RULES_APPLIED once per execution, and returns the
 * result into `$.rules`. Dependencies may be given lazily, so configuration faults surface inside
 * `instrument` as classified errors rather than as a failed cold start.
 */
export function createRulesHandler(deps: RulesDeps | (() => RulesDeps)) {
  let resolved: Required<RulesDeps> | undefined;
  const resolve = (): Required<RulesDeps> => {
    if (resolved) return resolved;
    const given = typeof deps === 'function' ? deps() : deps;
    resolved = {
      audit: given.audit,
      parameters: parseRuleParameters(given.parameters),
      ruleSet: given.ruleSet ?? invoiceRuleSet,
    };
    return resolved;
  };

  return instrumentRules(async (raw): Promise<RulesResult> => {
    const { audit, parameters, ruleSet } = resolve();
    const event = parseRulesEvent(raw);
    const { documentId } = event.document;
    const result = await applyRules(event, parameters, ruleSet);
    const { approval } = result;
    await audit.append(
      {
        documentId,
        step: 'rules',
        type: 'RULES_APPLIED',
        actor: { kind: 'system', id: result.ruleSetVersion },
        decision: approval.required ? 'approval-required' : 'auto-approve',
        rationale: approval.reasons.map((r) => r.message),
        inputHash: result.inputHash,
        versions: {
          workflow: event.workflowVersion,
          rules: result.ruleSetVersion,
          model: event.score.modelVersion,
        },
        executionArn: event.executionArn,
        details: {
          fired: result.fired,
          terms: result.terms,
          dueDate: result.dueDate,
          discount: result.discount,
        },
      },
      { idempotencyKey: `${documentId}/${event.executionArn}/rules` },
    );
    metrics.addMetric('ApprovalRequired', MetricUnit.Count, approval.required ? 1 : 0);
    // Rule names and counts only: reason messages carry invoice contents.
    logger.info('Rules applied', {
      ruleSetVersion: result.ruleSetVersion,
      firedCount: result.fired.length,
      approvalRequired: approval.required,
      reasonRules: approval.reasons.map((r) => r.rule),
    });
    return result;
  });
}

function instrumentRules(fn: (event: RulesEvent) => Promise<RulesResult>) {
  return instrument<RulesEvent, RulesResult>('rules', stepCorrelation, fn);
}

export const handler = createRulesHandler(() => ({
  audit: new DynamoAuditTrail(),
  parameters: loadRuleParameters(),
}));
