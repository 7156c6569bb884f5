import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { ApprovalStore } from '../human-step/store.ts';
import { AuditTrail } from '../shared/audit.ts';
import { sfn } from '../shared/clients/sfn.ts';
import { DocumentStore } from '../shared/documents.ts';
import { instrument } from '../shared/observability.ts';
import type { ExecutionStatusChange } from './event.ts';
import { type SettleDeps, settleEndedExecution } from './settle.ts';

export function createExecutionEndedHandler(deps: () => SettleDeps) {
  return instrument(
    'execution-ended',
    (event: ExecutionStatusChange) => ({ executionArn: event.detail.executionArn }),
    (event: ExecutionStatusChange, _context: Context) => settleEndedExecution(deps(), event),
  );
}

let deps: SettleDeps | undefined;
// Built on first use, so importing the module needs no environment.
export const handler = createExecutionEndedHandler(() => {
  deps ??= {
    approvals: new ApprovalStore(),
    documents: new DocumentStore(),
    audit: new AuditTrail(),
    now: () => new Date(),
    executionStatus: async (executionArn) =>
      (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status,
  };
  return deps;
});
