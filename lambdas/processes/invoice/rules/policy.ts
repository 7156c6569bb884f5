import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { ApprovalPolicy } from '../../../platform/human-step/policy.ts';
import { envVars } from '../../../platform/registry/functions.ts';
import { jsonEnv } from '../../../platform/shared/env.ts';
import { PermanentError } from '../../../platform/shared/errors.ts';

/**
 * Validation of the approval policy the rules step receives. CDK validates it at synth, but the
 * function checks again: a hand-edited environment must fail loudly, naming the field, not decide wrongly.
 */

const email = z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'));
const amount = z
  .string()
  .check(z.regex(/^\d+(\.\d{1,2})?$/, 'must be a non-negative decimal string with at most two places'));
const seconds = (min: number) => z.number().check(z.int('must be a whole number of seconds'), z.minimum(min));

const policySchema = z
  .object({
    approvers: z.array(email).check(z.minLength(1, 'must name at least one approver')),
    escalationApprovers: z.array(email),
    quorum: z.number().check(z.int('must be a whole number'), z.minimum(1)),
    veto: z.boolean(),
    separationOfDuties: z.boolean(),
    amountThreshold: amount,
    secondApproverAbove: z.nullable(amount),
    riskBandRequiringApproval: z.enum(['medium', 'high']),
    stepUp: z.enum(['never', 'always', 'above-amount']),
    stepUpAbove: z.nullable(amount),
    timeoutSeconds: seconds(1),
    reminderBeforeSeconds: seconds(0),
    escalationTimeoutSeconds: seconds(0),
    minDwellSeconds: seconds(0),
  })
  .check(
    z.superRefine((policy, ctx) => {
      if (new Set(policy.approvers).size !== policy.approvers.length)
        ctx.addIssue({ code: 'custom', path: ['approvers'], message: 'must not repeat an approver' });
      if (policy.quorum > policy.approvers.length)
        ctx.addIssue({
          code: 'custom',
          path: ['quorum'],
          message: `must not exceed the number of approvers (${policy.approvers.length})`,
        });
      if (policy.stepUp === 'above-amount' && policy.stepUpAbove === null)
        ctx.addIssue({
          code: 'custom',
          path: ['stepUpAbove'],
          message: "must be set when stepUp is 'above-amount'",
        });
    }),
  );

// zod/mini registers no locale, so the default messages in the error are asked for in English per parse.
const english = { error: en().localeError };

/** The policy, validated; a PermanentError names every bad field (values are never echoed: they hold emails). */
export function parseApprovalPolicy(raw: unknown): ApprovalPolicy {
  const parsed = policySchema.safeParse(raw, english);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
  throw new PermanentError(`${envVars.approvalPolicy} is invalid: ${problems.join('; ')}`);
}

/** The policy from the APPROVAL_POLICY environment variable. */
export function loadApprovalPolicy(): ApprovalPolicy {
  return parseApprovalPolicy(jsonEnv<unknown>(envVars.approvalPolicy));
}
