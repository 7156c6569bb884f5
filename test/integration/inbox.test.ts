import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRuntimeFile, writeRuntimeFile } from '../../bin/common/runtime-file.ts';
import { runTower } from '../../bin/operator/cli.ts';
import type { ApprovalPolicy } from '../../lambdas/platform/human-step/policy.ts';
import { DynamoApprovalStore } from '../../lambdas/platform/human-step/store.ts';
import type { InboxApiDeps } from '../../lambdas/platform/inbox/api/handler.ts';
import { claimTask } from '../../lambdas/platform/inbox/claims.ts';
import { decideTasks } from '../../lambdas/platform/inbox/decide.ts';
import { delegate } from '../../lambdas/platform/inbox/delegations.ts';
import { DynamoInboxStore } from '../../lambdas/platform/inbox/dynamo-store.ts';
import { inboxOf } from '../../lambdas/platform/inbox/list.ts';
import { DynamoAuditTrail } from '../../lambdas/platform/stores/audit.ts';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { actor, fakeSessions } from '../unit/platform/inbox/support.ts';
import { startTestRuntime } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * The inbox against the local runtime's DynamoDB Local and Step Functions: tasks indexed as the
 * workflow creates them, claims raced, a batch decided and handed back, a delegation that ends. The
 * session is faked (the identity capability provides the real reader).
 */
describe('the inbox on a running runtime', () => {
  let t: Started;
  let deps: InboxApiDeps;
  const ids: string[] = [];
  const documents = new Map<string, string>();
  beforeAll(async () => {
    t = await startTestRuntime({
      context: {
        // The ten invoices run side by side.
        intakeMaxConcurrency: 10,
        processes: {
          invoice: {
            approval: {
              approvers: ['alice@example.com', 'bob@example.com'],
              minDwellSeconds: 1,
              // A batch carries no per-decision passkey or code, so only tasks under `link` are batched.
              identity: 'link',
              stepUp: 'above-amount',
              stepUpAbove: '20000.00',
              groups: {
                ap: { members: ['gus@example.com', 'gina@example.com'], leads: ['lea@example.com'] },
              },
            },
            rules: { newVendorRequiresApproval: false },
          },
        },
      },
    });
    const { names, clients } = t.runtime;
    const chain = { documents: names.table('documents'), audit: names.table('audit') };
    const approvals = names.table('approvals');
    deps = {
      inbox: new DynamoInboxStore(clients.documents, { inbox: names.table('inbox'), approvals }, chain),
      approvals: new DynamoApprovalStore(clients.documents, approvals, chain),
      audit: new DynamoAuditTrail(clients.documents, chain),
      policies: Object.fromEntries(
        Object.entries(t.runtime.config.processes).map(([id, p]) => [id, p.approval as ApprovalPolicy]),
      ),
      sendEmail: async () => undefined,
      sfn: clients.sfn,
      now: () => new Date(),
      sessions: fakeSessions,
    };
    // Ten invoices waiting for people: 3 and 7 above the step-up amount, 5 submitted by Alice.
    const dropped = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const spec = randomInvoiceSpec(`inbox-${i}`, {
          language: 'en',
          currency: 'EUR',
          invoiceNumber: `INBOX-${i}`,
          lineItems: [
            {
              description: 'Hardware',
              quantity: 2,
              unitPriceCents: i === 3 || i === 7 ? 1_500_000 : 800_000,
            },
          ],
        });
        const id = await t.tools.drop('invoice', `inbox-${i}.pdf`, await invoicePdf(spec), {
          'submitted-by': i === 5 ? 'alice@example.com' : 'dan@example.com',
        });
        await t.tools.waitForStatus(id, ['AWAITING_APPROVAL'], 360_000);
        return id;
      }),
    );
    const listed = await inboxOf(deps, 'alice@example.com');
    for (const task of listed) {
      const record = await deps.approvals.get(task.id);
      if (record) documents.set(record.documentId, task.id);
    }
    for (const documentId of dropped) ids.push(documents.get(documentId) ?? `missing-${documentId}`);
  }, 420_000);
  afterAll(async () => t?.runtime.stop());

  const auditTypes = async (taskId: string) => {
    const record = await deps.approvals.get(taskId);
    return record ? (await t.tools.audit(record.documentId)).map((e) => e.type) : [];
  };

  it('indexes every task for its approvers and its group, and serves the routes only to a session', async () => {
    expect(ids.filter((id) => id.startsWith('missing-'))).toEqual([]);
    expect((await inboxOf(deps, 'gus@example.com')).map((t) => t.standing)).toEqual(
      Array(10).fill('may-claim'),
    );
    // The runtime's approval function serves the inbox's routes; with no session it refuses (fails closed).
    const answer = await fetch(`${t.runtime.endpoints.approvals.replace(/\/$/, '')}/api/tasks`, {
      headers: { accept: 'application/json' },
    });
    expect(answer.status).toBe(401);
  });

  it('lets exactly one of two people claim one task at once', async () => {
    const [gus, gina] = await Promise.all([
      claimTask(deps, actor('gus@example.com'), ids[0] ?? ''),
      claimTask(deps, actor('gina@example.com'), ids[0] ?? ''),
    ]);
    expect([gus.ok, gina.ok].filter(Boolean)).toHaveLength(1);
    expect((await auditTypes(ids[0] ?? '')).filter((x) => x === 'TASK_CLAIMED')).toHaveLength(1);
  });

  it('lists in the CLI what the API lists', async () => {
    const api = (await inboxOf(deps, 'alice@example.com')).map((x) => x.id);
    const dataDir = t.runtime.dataDir;
    const registry = mkdtempSync(join(tmpdir(), 'tower-inbox-registry-'));
    writeRuntimeFile(t.runtime, 'us-east-1', registry);
    let out = '';
    const code = await runTower(['tasks', '--assignee', 'alice@example.com', '--local', dataDir, '--json'], {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        out += text;
      },
      env: {},
      cwd: process.cwd(),
    });
    removeRuntimeFile(dataDir, registry);
    expect(code).toBe(0);
    expect((JSON.parse(out) as { tasks: { id: string }[] }).tasks.map((x) => x.id)).toEqual(api);
    expect(api).toHaveLength(10);
  });

  it('decides a batch of 10 with 10 audit events, skipping what the policy forbids with the reason', async () => {
    const results = await decideTasks(deps, actor('alice@example.com'), ids, 'approve', 'batch');
    const skipped = results.filter((r) => r.outcome === 'skipped').map((r) => r.id);
    expect(skipped).toEqual([ids[3], ids[5], ids[7]]);
    for (const id of ids) {
      const types = await auditTypes(id);
      expect(types.filter((x) => x === 'VOTE_RECORDED' || x === 'BATCH_DECISION_SKIPPED')).toHaveLength(1);
    }
    const record = await deps.approvals.get(ids[3] ?? '');
    const trail = record ? await t.tools.audit(record.documentId) : [];
    expect(trail.find((e) => e.type === 'BATCH_DECISION_SKIPPED')?.rationale?.[0]).toContain('step-up');
    // Handed back through the same settle as the link's: the workflow finishes.
    const decided = await deps.approvals.get(ids[0] ?? '');
    await t.tools.waitForStatus(decided?.documentId ?? '', ['COMPLETED'], 120_000);
  }, 180_000);

  it('lets a delegate act during the absence, naming both, and not after it ends', async () => {
    const until = new Date(Date.now() + 4000).toISOString();
    const granted = await delegate(deps, actor('bob@example.com'), { to: 'dee@example.com', until });
    expect(granted.ok).toBe(true);
    expect((await inboxOf(deps, 'dee@example.com')).map((x) => x.id).sort()).toEqual(
      [ids[3], ids[5], ids[7]].sort(),
    );
    const [acted] = await decideTasks(deps, actor('dee@example.com'), [ids[5] ?? ''], 'approve', '');
    expect(acted).toMatchObject({ outcome: 'recorded', status: 'APPROVED' });
    const record = await deps.approvals.get(ids[5] ?? '');
    const vote = (await t.tools.audit(record?.documentId ?? '')).find(
      (e) => e.type === 'VOTE_RECORDED' && e.actor.id === 'dee@example.com',
    );
    expect(vote?.details).toMatchObject({ onBehalfOf: 'bob@example.com', via: 'inbox' });
    await new Promise((r) => setTimeout(r, Date.parse(until) - Date.now() + 200));
    expect(await inboxOf(deps, 'dee@example.com')).toEqual([]);
    const [late] = await decideTasks(deps, actor('dee@example.com'), [ids[3] ?? ''], 'reject', '');
    expect(late).toMatchObject({ outcome: 'skipped', reason: 'you may not act on it' });
  }, 30_000);
});
