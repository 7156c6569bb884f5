import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { DynamoApprovalStore } from '../human-step/store.ts';
import { instrument } from '../shared/observability.ts';
import { DynamoAuditTrail } from '../stores/audit.ts';
import { DynamoDocumentStore } from '../stores/documents.ts';
import { sfn } from '../workflows/client.ts';
import { documentOf, type ExecutionStatusChange } from './event.ts';
import { type SettleDeps, settleEndedExecution } from './settle.ts';

export function createExecutionEndedHandler(deps: () => SettleDeps) {
  return instrument(
    'execution-ended',
    (event: ExecutionStatusChange) => ({
      executionArn: event.detail.executionArn,
      process: documentOf(event.detail)?.process,
    }),
    (event: ExecutionStatusChange, _context: Context) => settleEndedExecution(deps(), event),
  );
}

let deps: SettleDeps | undefined;
// Built on first use, so importing the module needs no environment.
export const handler = createExecutionEndedHandler(() => {
  deps ??= {
    approvals: new DynamoApprovalStore(),
    documents: new DynamoDocumentStore(),
    audit: new DynamoAuditTrail(),
    now: () => new Date(),
    executionStatus: async (executionArn) =>
      (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status,
  };
  return deps;
});
