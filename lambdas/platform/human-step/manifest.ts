import { CfnOutput } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { approvalOverdue, approvalsRequested } from '../../../lib/constructs/tower-metrics.ts';
import { capability } from '../capability/manifest.ts';
import { inboxRoutes } from '../inbox/routes.ts';
import { tables } from '../registry/tables.ts';
import { humanStepFunctions } from './functions.ts';
import { ApprovalApi } from './infra/approval-api.ts';
import { checkApprovalIdentity } from './infra/identity-check.ts';
import { humanStepOutputs, humanStep as uses } from './uses.ts';

/** The human step: a person approves, reviews or decides from an emailed link, within an SLA. */
export const humanStep = capability({
  name: 'human-step',
  summary: 'People decide from an emailed link: task token kept server-side, reminders, escalation, expiry',
  uses,
  functions: humanStepFunctions,
  tables: [tables.approvals],
  placeholders: { RequestApprovalFunctionArn: 'request-approval' },
  settings: ['approvalApiRateLimit', 'approvalApiBurstLimit', 'processes.<id>.approval'],
  infra: {
    wire: (p) => {
      const handler = p.functions['approval-api'];
      if (!handler) throw new Error('human-step: no approval-api function');
      checkApprovalIdentity(
        p.scope,
        Object.fromEntries(Object.entries(p.config.processes).map(([id, c]) => [id, c.approval])),
      );
      const api = new ApprovalApi(p.scope, 'ApprovalApi', {
        handler: handler.function,
        name: p.name,
        rateLimit: p.config.approvalApiRateLimit,
        burstLimit: p.config.approvalApiBurstLimit,
        encryptionKey: p.key,
        logRetention: p.logRetention,
        removalPolicy: p.removalPolicy,
        routes: inboxRoutes,
      });
      p.provide('human-step', humanStepOutputs.url, api.url);
      new CfnOutput(p.scope, 'ApprovalApiUrl', { value: api.url });
    },
    observe: (p) => ({
      alarms: p.catalog.processes.map((process) => ({
        id: `${process.id}-approvals-overdue`,
        metric: approvalOverdue(process.id),
        description: `A ${process.id} human task reached its deadline undecided (metric Tower/ApprovalOverdue, Process ${process.id})`,
      })),
      processWidgets: (processId) => [
        new cw.GraphWidget({
          title: `Human tasks: ${processId}`,
          width: 6,
          left: [approvalsRequested(processId), approvalOverdue(processId)],
        }),
      ],
    }),
  },
  local: () => import('./local.ts').then((m) => m.humanStepLocal),
});
