import { randomBytes } from 'node:crypto';
import { PermanentError } from '../../shared/errors.ts';
import { hashJson } from '../../shared/hash.ts';
import type { HumanTaskState } from '../../shared/workflow.ts';
import { amountAbove } from '../amounts.ts';
import { type ApprovalPolicy, approvalTimings } from '../policy.ts';
import type { ApprovalRecord } from '../record.ts';
import { defaultChoices, type HumanStepRequest, parseHumanStepRequest } from '../request.ts';
import { approvalIdFor } from '../secrets.ts';
import { approverEntries } from './approver-entries.ts';
import type { ApprovalDeps } from './context.ts';
import type { PrepareEvent } from './events.ts';

const purgeAfterSeconds = 400 * 24 * 3600;

function policyFor(deps: ApprovalDeps, request: HumanStepRequest, process: string): [string, ApprovalPolicy] {
  const id = request.requirement.policy ?? process;
  const policy = deps.policies[id];
  if (!policy) throw new PermanentError(`No human-step policy ${id} is configured (processes.<id>.approval)`);
  return [id, policy];
}

/** Whether the decision needs a one-time code: the process asks for it, or the policy does for this amount. */
function needsStepUp(policy: ApprovalPolicy, request: HumanStepRequest): boolean {
  if (request.requirement.stepUp || policy.stepUp === 'always') return true;
  const amount = request.requirement.amount?.value;
  return policy.stepUp === 'above-amount' && amount !== undefined && amountAbove(amount, policy.stepUpAbove);
}

function newRecord(deps: ApprovalDeps, event: PrepareEvent, request: HumanStepRequest): ApprovalRecord {
  const [policyId, policy] = policyFor(deps, request, event.document.process);
  const approvers = request.requirement.approvers ?? policy.approvers;
  const now = deps.now();
  const deadline = new Date(now.getTime() + policy.timeoutSeconds * 1000);
  const required = policy.quorum + (request.requirement.additionalApprovals ?? 0);
  return {
    approvalId: approvalIdFor(event.executionArn, event.step, event.itemKey),
    documentId: event.document.documentId,
    process: event.document.process,
    executionArn: event.executionArn,
    step: event.step,
    ...(event.itemKey === undefined ? {} : { itemKey: event.itemKey }),
    policyId,
    workflowVersion: event.workflowVersion,
    status: 'PENDING',
    phase: 'request',
    approvers: approverEntries(approvers, 'a', 'approver'),
    escalationApprovers: policy.escalationApprovers,
    // More approvals than people asked could never be given.
    requiredApprovals: Math.max(1, Math.min(required, approvers.length)),
    veto: policy.veto,
    separationOfDuties: policy.separationOfDuties,
    submittedBy: event.document.submittedBy,
    stepUp: needsStepUp(policy, request),
    minDwellSeconds: policy.minDwellSeconds,
    identity: policy.identity,
    request,
    choices: request.choices ?? defaultChoices,
    summaryHash: hashJson(request),
    pageKey: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    deadlineAt: deadline.toISOString(),
    purgeAt: Math.floor(deadline.getTime() / 1000) + purgeAfterSeconds,
  };
}

/**
 * The prepare phase: validates the process's request against its policy, creates the task once (a
 * retry finds it) and returns its id with the waits the state machine times itself by.
 */
export async function prepare(deps: ApprovalDeps, event: PrepareEvent): Promise<HumanTaskState> {
  const request = parseHumanStepRequest(event.request);
  const fresh = newRecord(deps, event, request);
  const created = await deps.approvals.create(fresh);
  const record = created ? fresh : await deps.approvals.get(fresh.approvalId);
  if (!record) throw new Error('human task vanished after create');
  const policy = deps.policies[record.policyId];
  if (!policy) throw new PermanentError(`No human-step policy ${record.policyId} is configured`);
  return { taskId: record.approvalId, timings: approvalTimings(policy) };
}
