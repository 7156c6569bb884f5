import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseApprovalPolicies } from '../../lambdas/platform/human-step/policy.ts';
import { DynamoInboxStore } from '../../lambdas/platform/inbox/dynamo-store.ts';
import { pendingTasks } from '../../lambdas/platform/inbox/overview.ts';
import { type InboxQuery, type InboxTask, inboxSort } from '../../lambdas/platform/inbox/view.ts';
import { DynamoAuditTrail } from '../../lambdas/platform/stores/audit.ts';
import { localClients } from '../../local/runtime/clients.ts';
import { isAlive } from '../../local/runtime/process-alive.ts';
import { readRuntimeFile } from '../common/runtime-file.ts';
import { terminalJson, terminalText } from '../common/terminal-text.ts';
import { RefusedError, UsageError } from './errors.ts';
import { findLocalRuntime } from './find-runtime.ts';

export const tasksUsage =
  'tasks [--assignee A] [--group G] [--process P] [--overdue] [--sort due|priority|process] [--local dir] [--json]';

function queryOf(values: Record<string, string | boolean | undefined>): InboxQuery {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const sort = text('sort');
  if (sort !== undefined && !inboxSort(sort))
    throw new UsageError('tasks: --sort must be due, priority or process');
  return {
    ...(text('assignee') ? { assignee: text('assignee') } : {}),
    ...(text('group') ? { group: text('group') } : {}),
    ...(text('process') ? { process: text('process') } : {}),
    ...(values.overdue === true ? { overdue: true } : {}),
    ...(sort ? { sort: inboxSort(sort) } : {}),
  };
}

/** One line per task, as the inbox shows it. */
export function renderTasks(tasks: readonly InboxTask[]): string {
  if (tasks.length === 0) return 'no pending tasks';
  return tasks
    .map((t) => {
      const who = t.claimedBy
        ? `held by ${t.claimedBy}`
        : [...t.assignees, ...t.groups.map((g) => `group ${g}`)].join(', ');
      const due = t.overdue ? `OVERDUE ${t.dueAt}` : `due ${t.dueAt}`;
      return `${t.id}  ${t.process}  ${t.priority}  ${due}  ${who}\n    ${t.title}`;
    })
    .join('\n');
}

/** What the command reads and writes through (the CLI's io, structurally: the CLI imports this module). */
export interface TasksIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly now?: () => Date;
}

/** `tower tasks …`: the pending human tasks of a local runtime, filtered as the inbox filters them. */
export async function runTasks(argv: readonly string[], io: TasksIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        assignee: { type: 'string' },
        group: { type: 'string' },
        process: { type: 'string' },
        sort: { type: 'string' },
        overdue: { type: 'boolean' },
        local: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const query = queryOf(values);
    const dataDir = values.local ? resolve(io.cwd, values.local) : findLocalRuntime(io.cwd, io.env);
    const file = readRuntimeFile(dataDir);
    if (!file || !isAlive(file.pid))
      throw new RefusedError(`no running local runtime in ${dataDir} (start it with npm start)`);
    const { inbox, approvals } = file.tables;
    if (!inbox || !approvals || !file.approvalPolicies)
      throw new RefusedError(`${dataDir}/runtime.json predates the inbox: restart npm start`);
    const clients = localClients(file.endpoints, file.region);
    try {
      const tasks = await pendingTasks(
        {
          inbox: new DynamoInboxStore(clients.documents, { inbox, approvals }),
          audit: new DynamoAuditTrail(clients.documents, file.tables),
          policies: parseApprovalPolicies(file.approvalPolicies),
          now: io.now ?? (() => new Date()),
        },
        query,
      );
      io.stdout(`${values.json ? terminalJson({ tasks }) : terminalText(renderTasks(tasks))}\n`);
      return 0;
    } finally {
      for (const client of Object.values(clients)) client.destroy();
    }
  } catch (error) {
    if (error instanceof RefusedError || error instanceof UsageError) {
      io.stderr(`tasks: ${terminalText(error.message)}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error) {
      io.stderr(`tasks: ${error.message}\nUsage: npm run tower -- ${tasksUsage}\n`);
      return 2;
    }
    throw error;
  }
}
