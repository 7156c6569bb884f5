import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import { executionName } from '../../lambdas/platform/shared/workflow.ts';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { decide, hiddenField, open, post } from './support/approval-page.ts';
import { crawl } from './support/crawler.ts';
import { startTestRuntime } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;
const approvers = ['alice@example.com', 'bob@example.com', 'carol@example.com'];

describe('approval links that are safe to click', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({
      context: {
        processes: {
          invoice: {
            approval: {
              approvers,
              quorum: 2,
              veto: true,
              separationOfDuties: true,
              minDwellSeconds: 1,
              // The link's own safeguards (dwell, nonce, confirm, code) under the link alone.
              identity: 'link',
              stepUp: 'above-amount',
              stepUpAbove: '100000.00',
            },
          },
        },
      },
    });
  });
  afterAll(async () => t?.runtime.stop());

  let seed = 0;
  /** Drops an invoice above the approval threshold and returns its id and each approver's link. */
  const awaitingApproval = async (options: { submittedBy?: string; unitPriceCents?: number } = {}) => {
    seed += 1;
    const spec = randomInvoiceSpec(`approval-safety-${seed}`, {
      language: 'en',
      currency: 'EUR',
      invoiceNumber: `SAFE-${seed}`,
      lineItems: [
        { description: 'Hardware', quantity: 2, unitPriceCents: options.unitPriceCents ?? 800_000 },
      ],
    });
    const id = await t.tools.drop('invoice', `safe-${seed}.pdf`, await invoicePdf(spec), {
      'submitted-by': options.submittedBy ?? 'dan@example.com',
    });
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    // The status moves before the emails go out: wait for every approver's link.
    const mine = async () =>
      (await t.tools.approvalLinks()).filter((l) => l.subject.includes(`SAFE-${seed} `));
    const until = Date.now() + 10_000;
    while ((await mine()).length < approvers.length && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    const links = await mine();
    const linkFor = (who: string) => {
      const link = links.find((l) => l.to === who)?.link;
      if (!link) throw new Error(`no link for ${who}`);
      return link;
    };
    return { id, linkFor };
  };
  const types = async (id: string) => (await t.tools.audit(id)).map((e) => e.type);

  it('decides nothing on HEAD, GET, or a scanner that submits every form it finds', async () => {
    const { id, linkFor } = await awaitingApproval();
    const link = linkFor('alice@example.com');
    const head = await open(link, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.html).toBe('');
    for (let i = 0; i < 3; i++) expect((await open(link)).html).toContain('Approve…');
    const pages = await crawl(link);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.some((p) => p.html.includes('Please review it and confirm again'))).toBe(true);
    expect((await t.tools.document(id))?.status).toBe('AWAITING_APPROVAL');
    expect(await types(id)).not.toContain('VOTE_RECORDED');
    expect(await types(id)).toContain('DECISION_TOO_FAST');
  });

  it('records exactly one vote from ten concurrent confirmations, and a later click says who decided', async () => {
    const { id, linkFor } = await awaitingApproval();
    const alice = linkFor('alice@example.com');
    const first = await open(alice);
    const chosen = await post(alice, {
      nonce: hiddenField(first.html, 'nonce'),
      step: 'choose',
      decision: 'approve',
    });
    await new Promise((r) => setTimeout(r, 1100));
    const nonce = hiddenField(chosen.html, 'nonce');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(alice, { nonce, step: 'confirm', decision: 'approve' })),
    );
    expect(answers.filter((a) => a.html.includes('is recorded')).length).toBe(1);
    expect(answers.filter((a) => a.html.includes('You already chose to approve')).length).toBe(9);
    expect((await types(id)).filter((x) => x === 'VOTE_RECORDED')).toHaveLength(1);
    expect((await t.tools.document(id))?.status).toBe('AWAITING_APPROVAL');
    await decide(linkFor('bob@example.com'), 'approve', 1100);
    await t.tools.waitForStatus(id, ['COMPLETED']);
    const again = await open(alice);
    expect(again.html).toContain('Already decided');
    expect(again.html).toMatch(
      /approved by alice@example\.com, bob@example\.com at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
  });

  it('refuses forged, altered and foreign links alike, and audits them', async () => {
    const one = await awaitingApproval();
    const other = await awaitingApproval();
    const link = one.linkFor('alice@example.com');
    const [base, approvalId, secret] = /^(.*\/a)\/([^/]+)\/([^/]+)$/.exec(link)?.slice(1) ?? [];
    const altered = `${base}/${approvalId}/${secret?.slice(0, -1)}${secret?.endsWith('A') ? 'B' : 'A'}`;
    const foreignSecret = other.linkFor('alice@example.com').split('/').at(-1);
    const unknown = await open(`${base}/AAAAAAAAAAAAAAAAAAAAAA/${secret}`);
    for (const bad of [
      altered,
      `${base}/${approvalId}/${foreignSecret}`,
      `${base}/${approvalId}/${'x'.repeat(43)}`,
    ]) {
      const page = await open(bad);
      expect(page.status).toBe(404);
      expect(page.html).toBe(unknown.html);
    }
    expect(unknown.status).toBe(404);
    const refused = (await t.tools.audit(one.id)).filter((e) => e.type === 'LINK_REFUSED');
    expect(refused).toHaveLength(3);
    expect(refused[0]?.details).toMatchObject({ approvalId });
  });

  it('keeps the submitter from approving their own invoice', async () => {
    const { id, linkFor } = await awaitingApproval({ submittedBy: 'carol@example.com' });
    const carol = linkFor('carol@example.com');
    const page = await open(carol);
    expect(page.html).not.toContain('Approve…');
    expect(page.html).toContain('You submitted this document');
    const refused = await post(carol, {
      nonce: hiddenField(page.html, 'nonce'),
      step: 'choose',
      decision: 'approve',
    });
    expect(refused.status).toBe(403);
    expect(await types(id)).toContain('SEPARATION_OF_DUTIES_REFUSED');
    expect((await t.tools.document(id))?.status).toBe('AWAITING_APPROVAL');
  });

  it('approves on a 2-of-3 quorum and rejects on one veto', async () => {
    const quorum = await awaitingApproval();
    expect((await decide(quorum.linkFor('alice@example.com'), 'approve', 1100)).html).toContain(
      '1 more approval is needed',
    );
    expect((await t.tools.document(quorum.id))?.status).toBe('AWAITING_APPROVAL');
    expect((await decide(quorum.linkFor('carol@example.com'), 'approve', 1100)).html).toContain(
      'It is approved',
    );
    expect((await t.tools.waitForStatus(quorum.id, ['COMPLETED', 'REJECTED'])).status).toBe('COMPLETED');

    const veto = await awaitingApproval();
    await decide(veto.linkFor('alice@example.com'), 'approve', 1100);
    expect(
      (await decide(veto.linkFor('bob@example.com'), 'reject', 1100, { comment: 'Wrong cost centre' })).html,
    ).toContain('It is rejected');
    const rejected = await t.tools.waitForStatus(veto.id, ['COMPLETED', 'REJECTED']);
    expect(rejected.status).toBe('REJECTED');
    const decided = (await t.tools.audit(veto.id)).find((e) => e.type === 'APPROVAL_DECIDED');
    expect(decided).toMatchObject({ decision: 'rejected', actor: { kind: 'person', id: 'bob@example.com' } });
    const votes = (await t.tools.audit(veto.id)).filter((e) => e.type === 'VOTE_RECORDED');
    expect(votes.find((v) => v.actor.id === 'bob@example.com')?.rationale).toEqual(['Wrong cost centre']);
    expect(
      votes.every((v) => typeof v.inputHash === 'string' && (v.details as { clientIp?: string }).clientIp),
    ).toBe(true);
  });

  it('asks for a one-time code from a separate email above the step-up amount, with limited attempts', async () => {
    const { id, linkFor } = await awaitingApproval({ unitPriceCents: 6_000_000 });
    const alice = linkFor('alice@example.com');
    const first = await open(alice);
    const chosen = await post(alice, {
      nonce: hiddenField(first.html, 'nonce'),
      step: 'choose',
      decision: 'approve',
    });
    expect(chosen.html).toContain('One-time code');
    const codeMail = (await t.runtime.mailbox())
      .filter((m) => m.to.includes('alice@example.com') && m.subject.startsWith('Your approval code'))
      .at(-1);
    const code = /\b(\d{6})\b/.exec(codeMail?.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(codeMail?.text).not.toContain('http');
    await new Promise((r) => setTimeout(r, 1100));
    const nonce = hiddenField(chosen.html, 'nonce');
    const wrong = await post(alice, {
      nonce,
      step: 'confirm',
      decision: 'approve',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.html).toContain('4 attempts left');
    const right = await post(alice, {
      nonce: hiddenField(wrong.html, 'nonce'),
      step: 'confirm',
      decision: 'approve',
      code: code ?? '',
    });
    expect(right.html).toContain('is recorded');
    expect(await types(id)).toContain('STEP_UP_CODE_SENT');
  });

  it('revokes the links when the execution is stopped', async () => {
    const { id, linkFor } = await awaitingApproval();
    const arn = executionArnOf(t.runtime.names.stateMachineArn('invoice'), executionName('invoice', id));
    await t.runtime.clients.sfn.send(
      new StopExecutionCommand({ executionArn: arn, cause: 'recalled by the submitter' }),
    );
    const doc = await t.tools.waitForStatus(id, ['COMPENSATED']);
    expect(doc.status).toBe('COMPENSATED');
    const deadline = Date.now() + 5000;
    let page = await open(linkFor('alice@example.com'));
    while (page.status !== 410 && Date.now() < deadline) page = await open(linkFor('alice@example.com'));
    expect(page.status).toBe(410);
    expect(page.html).toContain('withdrawn');
    expect(await types(id)).toContain('APPROVAL_CANCELLED');
  });
});
