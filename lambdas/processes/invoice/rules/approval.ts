import type { ApprovalPolicy } from '../../../platform/human-step/policy.ts';
import type { ApprovalRequirement } from '../../../platform/shared/workflow.ts';

/**
 * The approval requirement from the reasons the rules found and the policy's quorum and SLA. The SLA
 * fields feed the ASL's TimeoutSecondsPath, so they are whole seconds ≥ 1 even when nobody is asked.
 */
export function approvalRequirement(
  policy: ApprovalPolicy,
  outcome: {
    readonly reasons: ApprovalRequirement['reasons'];
    readonly secondApprover: boolean;
    readonly stepUp: boolean;
  },
): ApprovalRequirement {
  const requiredApprovals = outcome.secondApprover
    ? Math.max(policy.quorum, Math.min(policy.quorum + 1, policy.approvers.length))
    : policy.quorum;
  return {
    required: outcome.reasons.length > 0,
    reasons: outcome.reasons,
    requiredApprovals,
    stepUp: outcome.stepUp,
    reminderAfterSeconds: Math.max(1, policy.timeoutSeconds - policy.reminderBeforeSeconds),
    remainingAfterReminderSeconds: Math.max(1, Math.min(policy.reminderBeforeSeconds, policy.timeoutSeconds)),
    escalate: policy.escalationApprovers.length > 0,
    escalationSeconds: Math.max(1, policy.escalationTimeoutSeconds),
  };
}
