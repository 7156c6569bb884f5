import type { Context } from 'aws-lambda';
import { inboxTablesFromEnv } from '../../inbox/dynamo-store.ts';
import { indexedApprovals } from '../../inbox/indexed-approvals.ts';
import { sesMailer } from '../../mail/mailer.ts';
import { envVars } from '../../registry/names.ts';
import { jsonEnv, requiredEnv } from '../../shared/env.ts';
import { instrument, MetricUnit, metrics } from '../../shared/observability.ts';
import type { ApprovalOutcome, HumanTaskState } from '../../shared/workflow.ts';
import { DynamoAuditTrail } from '../../stores/audit.ts';
import { dynamo } from '../../stores/client.ts';
import { DynamoDocumentStore } from '../../stores/documents.ts';
import { sfn } from '../../workflows/client.ts';
import { parseApprovalPolicies } from '../policy.ts';
import { DynamoApprovalStore } from '../store.ts';
import type { ApprovalDeps } from './context.ts';
import type { RequestApprovalEvent } from './events.ts';
import { expire } from './expire.ts';
import { prepare } from './prepare.ts';
import { runWaitPhase } from './wait.ts';

/**
 * The human step's one function for every phase: prepare (a synchronous Task), request, remind and
 * escalate (task-token waits) and expire. Dependencies may be given lazily, so a bad policy surfaces
 * inside `instrument` as a classified error rather than as a failed cold start.
 */
export function createRequestApprovalHandler(deps: ApprovalDeps | (() => ApprovalDeps)) {
  let resolved: ApprovalDeps | undefined;
  const resolve = () => {
    resolved ??= typeof deps === 'function' ? deps() : deps;
    return resolved;
  };
  return instrument(
    'approval',
    (event: RequestApprovalEvent) => ({
      documentId: event.phase === 'prepare' ? event.document?.documentId : undefined,
      executionArn: event.executionArn,
      process: event.phase === 'prepare' ? event.document?.process : event.process,
    }),
    async (
      event: RequestApprovalEvent,
      _context: Context,
    ): Promise<ApprovalOutcome | HumanTaskState | undefined> => {
      const given = resolve();
      if (event.phase === 'prepare') return prepare(given, event);
      if (event.phase === 'expire') {
        const outcome = await expire(given, event);
        if (outcome.decision === 'expired') metrics.addMetric('ApprovalOverdue', MetricUnit.Count, 1);
        return outcome;
      }
      await runWaitPhase(given, event);
      if (event.phase === 'request') metrics.addMetric('ApprovalsRequested', MetricUnit.Count, 1);
      if (event.phase === 'escalate') metrics.addMetric('ApprovalOverdue', MetricUnit.Count, 1);
      return undefined;
    },
  );
}

export const handler = createRequestApprovalHandler(() => {
  const policies = parseApprovalPolicies(jsonEnv<unknown>(envVars.approvalPolicies));
  return {
    // Each task is indexed for the inbox as it is created (inbox/indexed-approvals.ts).
    approvals: indexedApprovals(new DynamoApprovalStore(), {
      db: dynamo,
      tables: inboxTablesFromEnv(),
      policies,
    }),
    documents: new DynamoDocumentStore(),
    audit: new DynamoAuditTrail(),
    sendEmail: sesMailer(),
    sfn,
    policies,
    baseUrl: requiredEnv(envVars.approvalBaseUrl),
    now: () => new Date(),
  };
});
