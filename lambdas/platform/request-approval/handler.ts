import type { Context } from 'aws-lambda';
import type { ApprovalPolicy } from '../human-step/policy.ts';
import { ApprovalStore } from '../human-step/store.ts';
import { envVars } from '../registry/functions.ts';
import { AuditTrail } from '../shared/audit.ts';
import { sfn } from '../shared/clients/sfn.ts';
import { DocumentStore } from '../shared/documents.ts';
import { jsonEnv, requiredEnv } from '../shared/env.ts';
import { sesMailer } from '../shared/mailer.ts';
import { instrument, MetricUnit, metrics } from '../shared/observability.ts';
import type { ApprovalOutcome, WorkflowState } from '../shared/workflow.ts';
import { type ApprovalDeps, expire, runWaitPhase, type WaitEvent } from './phases.ts';

export type RequestApprovalEvent =
  | WaitEvent
  | { readonly phase: 'expire'; readonly state: WorkflowState; readonly executionArn: string };

/** One function for every approval phase: request, remind, escalate (each a task-token wait) and expire. */
export function createRequestApprovalHandler(deps: ApprovalDeps) {
  return instrument(
    'approval',
    (event: RequestApprovalEvent) => ({
      documentId: event.state.document.documentId,
      executionArn: event.executionArn,
    }),
    async (event: RequestApprovalEvent, _context: Context): Promise<ApprovalOutcome | undefined> => {
      if (event.phase === 'expire') {
        const outcome = await expire(deps, event);
        if (outcome.decision === 'expired') metrics.addMetric('ApprovalOverdue', MetricUnit.Count, 1);
        return outcome;
      }
      await runWaitPhase(deps, event);
      if (event.phase === 'request') metrics.addMetric('ApprovalsRequested', MetricUnit.Count, 1);
      if (event.phase === 'escalate') metrics.addMetric('ApprovalOverdue', MetricUnit.Count, 1);
      return undefined;
    },
  );
}

export const handler = createRequestApprovalHandler({
  approvals: new ApprovalStore(),
  documents: new DocumentStore(),
  audit: new AuditTrail(),
  sendEmail: sesMailer(),
  sfn,
  policy: jsonEnv<ApprovalPolicy>(envVars.approvalPolicy),
  baseUrl: requiredEnv(envVars.approvalBaseUrl),
  now: () => new Date(),
});
