import { subjectPrefix } from '../../../lambdas/platform/human-step/request-approval/emails.ts';
import { approvalIdFor } from '../../../lambdas/platform/human-step/secrets.ts';
import { executionArnOf } from '../../../lambdas/platform/shared/execution-arn.ts';
import { executionName } from '../../../lambdas/platform/shared/workflow.ts';
import type { AuditRecord } from '../../../lambdas/platform/stores/audit.ts';
import type { DocumentRecord } from '../../../lambdas/platform/stores/documents.ts';
import type { LocalRuntime } from '../../../local/runtime/runtime.ts';
import { choose, claimsApproved, confirm, open, type Page } from '../approval-page.ts';
import { approvalLinks } from '../approver.ts';
import { drop, inPool, sleep, waitUntilSettled } from '../driver.ts';
import { scanTable, type Target } from '../evidence.ts';
import { approver, inProcessScenario, minDwellSeconds, runtimeOptions } from '../harness.ts';
import type { Expectation, Scenario } from '../types.ts';
import { cleanInvoices, largeInvoices } from '../workload.ts';

const sizes = {
  full: { approvals: 20, expiring: 4, burst: 150 },
  small: { approvals: 4, expiring: 1, burst: 12 },
} as const;
const approvers = [approver, 'bob@example.com'] as const;
const concurrentConfirms = 5;
// A 600 s SLA with its reminder 200 s before the deadline, 20 times faster: expiry 30 s after the request.
const clockScale = 0.05;
const policy = {
  approvers: [...approvers],
  timeoutSeconds: 600,
  reminderBeforeSeconds: 200,
  minDwellSeconds,
  // The approver posts the link's forms (approver.ts); sign-in has its own browser tests.
  identity: 'link',
};

interface Clicks {
  /** Pages that said this click made an approval take effect, per approver. */
  readonly claims: Map<string, number>;
  /** Pages that said so although they could not have (after the decision, after expiry). */
  readonly falseClaims: string[];
}

function invoiceExecutionArn(runtime: LocalRuntime, documentId: string): string {
  return executionArnOf(runtime.names.stateMachineArn('invoice'), executionName('invoice', documentId));
}

async function linksFor(runtime: LocalRuntime, approvalId: string, deadline: number) {
  for (;;) {
    const links = approvalLinks(await runtime.mailbox(), runtime.endpoints.approvals).filter(
      (l) => l.approvalId === approvalId && l.subject.startsWith(subjectPrefix.request),
    );
    if (approvers.every((a) => links.some((l) => l.to === a)) || Date.now() > deadline) return links;
    await sleep(500);
  }
}

async function statusOf(target: Target, documentId: string): Promise<string | undefined> {
  const docs = await scanTable<DocumentRecord>(target, 'documents');
  return docs.find((d) => d.documentId === documentId)?.status;
}

async function waitFor(target: Target, documentId: string, status: string, deadline: number) {
  while (Date.now() < deadline && (await statusOf(target, documentId)) !== status) await sleep(1000);
}

/** Both approvers confirm several times at once; later, each replays an old confirmation. */
async function concurrentThenReplay(
  target: Target,
  links: { to: string; link: string }[],
  documentId: string,
  deadline: number,
  clicks: Clicks,
): Promise<void> {
  const chosen = await Promise.all(
    links.map(async (l) => ({ ...l, nonce: await choose(l.link, 'approve') })),
  );
  await sleep(minDwellSeconds * 1000 + 100);
  const pages = await Promise.all(
    chosen.flatMap((c) =>
      c.nonce
        ? Array.from({ length: concurrentConfirms }, () =>
            confirm(c.link, c.nonce ?? '', 'approve').then((p) => ({ to: c.to, p })),
          )
        : [],
    ),
  );
  for (const { to, p } of pages)
    if (claimsApproved(p))
      clicks.claims.set(`${documentId} ${to}`, (clicks.claims.get(`${documentId} ${to}`) ?? 0) + 1);
  await waitFor(target, documentId, 'COMPLETED', deadline);
  for (const c of chosen) {
    if (!c.nonce) continue;
    const replay = await confirm(c.link, c.nonce, 'approve');
    if (claimsApproved(replay))
      clicks.falseClaims.push(`replay after decision approved ${documentId.slice(0, 12)}`);
  }
}

/** Takes a nonce while the approval is open, lets it expire, then clicks and confirms. */
async function lateClick(
  target: Target,
  links: { to: string; link: string }[],
  documentId: string,
  deadline: number,
  clicks: Clicks,
): Promise<void> {
  const first = links[0];
  if (!first) return;
  const nonce = await choose(first.link, 'approve');
  await waitFor(target, documentId, 'REJECTED', deadline);
  const pages: Page[] = [
    await open(first.link),
    ...(nonce ? [await confirm(first.link, nonce, 'approve')] : []),
  ];
  for (const p of pages)
    if (claimsApproved(p) || p.status !== 410)
      clicks.falseClaims.push(`late click on ${documentId.slice(0, 12)} answered ${p.status}`);
}

/**
 * 7. Invoices that need a person, during a burst of ordinary ones: concurrent confirmations from both
 * approvers, replays of old confirmations after the decision, and clicks after expiry (a short SLA on
 * a fast clock). Exactly one decision each, no page claiming an approval that did not happen.
 */
export const approvals: Scenario = {
  id: 7,
  name: 'approval clicks: concurrent, replayed, late',
  run: (context) =>
    inProcessScenario(
      7,
      approvals.name,
      context,
      runtimeOptions(
        {
          clockScale,
          context: {
            processes: { invoice: { approval: policy, rules: { newVendorRequiresApproval: false } } },
          },
        },
        context.scale,
      ),
      async ({ runtime, target, approver: auto }) => {
        const size = sizes[context.scale];
        const planned = await largeInvoices(size.approvals, 'approval');
        const burstFiles = await cleanInvoices(size.burst, 'approval-burst');
        const plannedApprovals = new Set(
          planned.map((f) => approvalIdFor(invoiceExecutionArn(runtime, f.documentId), 'approval')),
        );
        // Ordinary invoices the rules send to a person by chance are approved; the planned ones are decided here.
        auto.skip = (approvalId) => plannedApprovals.has(approvalId);
        const droppedAt = new Map<string, number>();
        const started = Date.now();
        const deadline = started + 240_000 + (size.burst + size.approvals) * 700;
        const clicks: Clicks = { claims: new Map(), falseClaims: [] };
        context.log(
          `dropping ${planned.length} invoices needing approval among ${burstFiles.length} ordinary ones`,
        );
        const decisions = planned.map(async (f, i) => {
          droppedAt.set(f.documentId, Date.now());
          await drop(target, f.fileName, f.body);
          const links = await linksFor(
            runtime,
            approvalIdFor(invoiceExecutionArn(runtime, f.documentId), 'approval'),
            deadline,
          );
          if (i < size.expiring) await lateClick(target, links, f.documentId, deadline, clicks);
          else await concurrentThenReplay(target, links, f.documentId, deadline, clicks);
        });
        await inPool(burstFiles, 8, async (f) => {
          droppedAt.set(f.documentId, Date.now());
          await drop(target, f.fileName, f.body);
        });
        await Promise.all(decisions);
        const expectations: Expectation[] = [...planned, ...burstFiles].map((f) => ({
          documentId: f.documentId,
          label: f.label,
          droppedAt: droppedAt.get(f.documentId) ?? started,
          statuses:
            planned.indexOf(f) >= 0 && planned.indexOf(f) < size.expiring ? ['REJECTED'] : ['COMPLETED'],
        }));
        await waitUntilSettled(target, () => expectations, { deadline, log: context.log });
        // A page claiming a vote took effect must match a recorded vote, once per approver.
        const votes = new Set(
          (await scanTable<AuditRecord>(target, 'audit'))
            .filter((e) => e.type === 'VOTE_RECORDED')
            .map((e) => `${e.documentId} ${e.actor.id}`),
        );
        const problems = [...clicks.falseClaims.map((c) => `wrong: false "approved": ${c}`)];
        let doubleClaims = 0;
        for (const [key, n] of clicks.claims) {
          if (n > 1) doubleClaims += 1;
          if (n > 1)
            problems.push(
              `duplicated: ${n} pages said ${key.slice(0, 12)}… approved by ${key.split(' ')[1]}`,
            );
          if (!votes.has(key))
            problems.push(`wrong: a page said approved by ${key.split(' ')[1]} but no vote is recorded`);
        }
        return {
          expectations,
          problems,
          extraWrong: problems.length - doubleClaims,
          extraDuplicated: doubleClaims,
          notes: [
            `${planned.length - size.expiring} approvals with ${concurrentConfirms} concurrent confirms per approver and a replay; ${size.expiring} left to expire and clicked late`,
            `${[...clicks.claims.values()].reduce((a, b) => a + b, 0)} confirm pages reported a recorded decision`,
          ],
        };
      },
    ),
};
