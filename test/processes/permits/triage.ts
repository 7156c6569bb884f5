import type { Context } from 'aws-lambda';
import type { HumanStepRequest } from '../../../lambdas/platform/human-step/request.ts';
import { instrument, stepCorrelation } from '../../../lambdas/platform/shared/observability.ts';
import type { StepEvent } from '../../../lambdas/platform/shared/workflow.ts';
import { type AuditTrail, DynamoAuditTrail } from '../../../lambdas/platform/stores/audit.ts';

/**
 * The permit process's one function: every application is reviewed by a clerk, who sees the
 * application's own facts (not an invoice's) and grants or refuses it.
 */
export interface Triage {
  readonly facts: Readonly<Record<string, string>>;
  readonly request: HumanStepRequest;
}

export function triageOf(event: StepEvent): Triage {
  const name = event.document.key.split('/').pop() ?? event.document.key;
  const size = `${Math.max(1, Math.round(event.document.size / 1024))} KB`;
  return {
    facts: { application: name, size },
    request: {
      title: `Permit application ${name}`,
      facts: [
        { label: 'Application', value: name },
        { label: 'Size', value: size },
        { label: 'Received', value: event.document.receivedAt.slice(0, 10) },
      ],
      reasons: ['every permit application is reviewed by a clerk'],
      choices: [
        { id: 'grant', label: 'Grant permit', effect: 'approve' },
        { id: 'refuse', label: 'Refuse permit', effect: 'reject' },
      ],
      requirement: {},
    },
  };
}

export function createTriageHandler(audit: () => Pick<AuditTrail, 'append'>) {
  return instrument(
    'triage',
    stepCorrelation,
    async (event: StepEvent, _context: Context): Promise<Triage> => {
      const triage = triageOf(event);
      await audit().append(
        {
          documentId: event.document.documentId,
          step: 'triage',
          type: 'TRIAGED',
          actor: { kind: 'system', id: 'permits-triage' },
          versions: { workflow: event.workflowVersion },
          executionArn: event.executionArn,
        },
        { idempotencyKey: `${event.document.documentId}/${event.executionArn}/triage` },
      );
      return triage;
    },
  );
}

let trail: DynamoAuditTrail | undefined;
export const handler = createTriageHandler(() => {
  trail ??= new DynamoAuditTrail();
  return trail;
});
