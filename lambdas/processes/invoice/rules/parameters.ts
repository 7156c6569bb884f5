import type { ApprovalPolicy } from '../../../platform/human-step/policy.ts';
import { envVars } from '../../../platform/registry/names.ts';
import type { RuleParameters } from '../../../platform/registry/process-spec.ts';
import { jsonEnv } from '../../../platform/shared/env.ts';
import { PermanentError } from '../../../platform/shared/errors.ts';

/**
 * The invoice rules' thresholds, which a deployment may set (CDK context `processes.invoice.rules`).
 * They are facts of the rule set (`parameters`), and their hash is part of the audited rules version.
 */
// A type, not an interface: it must pass as the platform's plain record of parameters.
export type InvoiceRuleParameters = {
  /** Invoices with a total above this amount need a person. Decimal string. */
  readonly amountThreshold: string;
  /** Invoices with a total above this amount need one more approval than the quorum. Decimal string. */
  readonly secondApproverAbove: string | null;
  /** Risk band from which a person must approve. */
  readonly riskBandRequiringApproval: 'medium' | 'high';
  /**
   * Whether a vendor's first invoice (no completed invoice of that vendor on record) needs a person,
   * as accounts payable approves a new vendor before its first payment. @default true
   */
  readonly newVendorRequiresApproval: boolean;
};

export const defaultRuleParameters: InvoiceRuleParameters = {
  amountThreshold: '10000.00',
  secondApproverAbove: null,
  riskBandRequiringApproval: 'high',
  newVendorRequiresApproval: true,
};

const decimal = /^\d+(\.\d{1,2})?$/;
const fields = Object.keys(defaultRuleParameters);

function shown(value: unknown, echo: boolean): string {
  return echo ? `, got ${JSON.stringify(value) ?? String(value)}` : '';
}

/** Every problem of a complete parameter set; with the policy, the ones that need it to make sense. */
export function ruleParameterProblems(
  raw: Readonly<Record<string, unknown>>,
  options: { readonly echo: boolean; readonly policy?: ApprovalPolicy },
): string[] {
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !fields.includes(k));
  if (unknown.length > 0)
    problems.push(`(parameters) has unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  const amount = 'must be a decimal string such as "10000.00"';
  if (typeof raw.amountThreshold !== 'string' || !decimal.test(raw.amountThreshold))
    problems.push(`amountThreshold ${amount}${shown(raw.amountThreshold, options.echo)}`);
  if (
    raw.secondApproverAbove !== null &&
    (typeof raw.secondApproverAbove !== 'string' || !decimal.test(raw.secondApproverAbove))
  )
    problems.push(`secondApproverAbove ${amount}, or null${shown(raw.secondApproverAbove, options.echo)}`);
  if (raw.riskBandRequiringApproval !== 'medium' && raw.riskBandRequiringApproval !== 'high')
    problems.push(
      `riskBandRequiringApproval must be "medium" or "high"${shown(raw.riskBandRequiringApproval, options.echo)}`,
    );
  if (typeof raw.newVendorRequiresApproval !== 'boolean')
    problems.push(
      `newVendorRequiresApproval must be true or false${shown(raw.newVendorRequiresApproval, options.echo)}`,
    );
  const policy = options.policy;
  // A second approval nobody can give would be capped silently at run time: refuse it at synth.
  if (policy && raw.secondApproverAbove !== null && policy.quorum + 1 > policy.approvers.length)
    problems.push(
      `secondApproverAbove needs quorum + 1 (${policy.quorum + 1}) approvers, but only ${policy.approvers.length} are listed`,
    );
  return problems;
}

export const invoiceRuleParameters: RuleParameters = {
  defaults: defaultRuleParameters,
  validate: (parameters, policy) => ruleParameterProblems(parameters, { echo: true, policy }),
};

/** The parameters from RULE_PARAMETERS, checked again: a hand-edited environment fails loudly, naming the field. */
export function parseRuleParameters(raw: unknown): InvoiceRuleParameters {
  const record =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems =
    raw === record ? ruleParameterProblems(record, { echo: false }) : ['(parameters) must be an object'];
  if (problems.length > 0)
    throw new PermanentError(`${envVars.ruleParameters} is invalid: ${problems.join('; ')}`);
  return {
    amountThreshold: record.amountThreshold as string,
    secondApproverAbove: record.secondApproverAbove as string | null,
    riskBandRequiringApproval:
      record.riskBandRequiringApproval as InvoiceRuleParameters['riskBandRequiringApproval'],
    newVendorRequiresApproval: record.newVendorRequiresApproval as boolean,
  };
}

export function loadRuleParameters(): InvoiceRuleParameters {
  return parseRuleParameters(jsonEnv<unknown>(envVars.ruleParameters));
}
