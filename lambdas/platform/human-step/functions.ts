import { data } from '../data/uses.ts';
import { mail } from '../mail/uses.ts';
import { type FunctionSpec, handlerPath } from '../registry/functions.ts';
import { stores } from '../stores/uses.ts';
import { workflows } from '../workflows/uses.ts';
import { humanStep } from './uses.ts';

const entry = (relative: string) => handlerPath(import.meta.url, relative);

/** The human step: asking people (emails, reminders, escalation) and taking their decisions (the page). */
export const humanStepFunctions: readonly FunctionSpec[] = [
  {
    id: 'request-approval',
    entry: entry('./request-approval/handler.ts'),
    description:
      'The human step: stores the task token server-side, emails the people their links, reminds, escalates, expires',
    memoryMb: 512,
    timeoutSeconds: 60,
    uses: [
      stores.table('approvals', ['get', 'put', 'update']),
      // The inbox's index items, written with the task and its escalation approvers.
      stores.table('inbox', ['put']),
      stores.table('documents', ['get', 'update']),
      stores.audit(),
      mail.send(),
      workflows.sendTaskResults(['success', 'failure']),
      humanStep.links(),
      humanStep.policies(),
    ],
  },
  {
    id: 'approval-api',
    entry: entry('./approval-api/handler.ts'),
    description: 'Serves the human-step page and records one decision per person',
    memoryMb: 512,
    timeoutSeconds: 29,
    uses: [
      stores.table('approvals', ['get', 'update']),
      // The inbox: its index read per holder, delegations written.
      stores.table('inbox', ['query', 'put']),
      // Sessions (created, read, slid) and passkeys (listed, added, their counters updated); nothing deleted.
      stores.table('identity', ['get', 'put', 'update']),
      // A link to no task is audited too, under a trail with no document record.
      stores.table('documents', ['get', 'update', 'check']),
      stores.audit({ trailsWithoutDocument: true }),
      // Signs the page's short-lived link to the document decided on (a presigned URL carries these permissions).
      data.objects('intake', ['read', 'readVersion']),
      mail.send(),
      workflows.sendTaskResults(['success', 'failure']),
      // The inbox reads candidate groups, leads and claim lifetimes from the policies.
      humanStep.policies(),
    ],
  },
];
