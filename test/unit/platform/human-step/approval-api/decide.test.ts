import { describe, expect, it } from 'vitest';
import { servePage } from '../../../../../lambdas/platform/human-step/approval-api/decide.ts';
import { voteEvent } from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import type { ApprovalStatus } from '../../../../../lambdas/platform/human-step/record.ts';
import { signNonce } from '../../../../../lambdas/platform/human-step/secrets.ts';
import { approvalRecord, approver, secrets } from '../../shared/support/builders.ts';
import { ending, MemoryApprovals } from '../../shared/support/fakes.ts';
import { approvalApi, formValue, pageRequest } from './support.ts';

type Api = ReturnType<typeof approvalApi>;

/** Opens the link: the choose page and its nonce. */
async function open(f: Api, secret: string) {
  const response = await servePage(f.deps, pageRequest('GET', f.approvalId, secret));
  return { response, nonce: formValue(response.body, 'nonce') ?? '' };
}

/** Opens the link and picks a decision: the confirmation page and its nonce. */
async function choose(f: Api, secret: string, decision: string, comment = '') {
  const { nonce } = await open(f, secret);
  const response = await servePage(
    f.deps,
    pageRequest('POST', f.approvalId, secret, { step: 'choose', nonce, decision, comment }),
  );
  return { response, nonce: formValue(response.body, 'nonce') ?? '' };
}

/** A person's whole decision: open, choose, read for a few seconds, confirm. */
async function decide(f: Api, secret: string, decision: 'approve' | 'reject', comment = '') {
  const { nonce } = await choose(f, secret, decision, comment);
  f.time.advance(5_000);
  return servePage(
    f.deps,
    pageRequest('POST', f.approvalId, secret, { step: 'confirm', nonce, decision, comment }),
  );
}

/** A confirmation nonce as the page would have rendered it `ageMs` ago. */
const confirmNonce = (f: Api, approverId: string, ageMs: number, choice = 'approve') =>
  signNonce(f.record().pageKey, f.approvalId, approverId, f.time.now().getTime() - ageMs, 'confirm', choice);

/** A confirm POST straight from the form, carrying Ann's (a1) confirmation nonce rendered `ageMs` ago. */
const postConfirm = (f: Api, secret: string, decision: string, ageMs = 10_000) =>
  servePage(
    f.deps,
    pageRequest('POST', f.approvalId, secret, {
      step: 'confirm',
      nonce: confirmNonce(f, 'a1', ageMs, decision),
      decision,
    }),
  );

const votes = (f: Api) =>
  Object.values(f.record().approvers).flatMap((a) => (a.vote ? [a.vote.decision] : []));

describe('servePage: rendering', () => {
  it.each(['GET', 'HEAD'] as const)(
    '%s renders the choice and never decides, whatever it carries',
    async (method) => {
      // Prepare: a request that would decide if it were a POST.
      const f = approvalApi();
      const form = { step: 'confirm', decision: 'approve', nonce: confirmNonce(f, 'a1', 10_000) };

      // Act
      const response = await servePage(f.deps, pageRequest(method, f.approvalId, secrets.a1, form));

      // Assess
      expect(response.statusCode).toBe(200);
      expect(formValue(response.body, 'step')).toBe('choose');
      expect(votes(f)).toEqual([]);
      expect(f.record().status).toBe('PENDING');
      expect(f.sfn.results).toEqual([]);
      expect(f.audit.records).toEqual([]);
    },
  );

  it('shows the submitter no Approve button and says why', async () => {
    // Prepare
    const f = approvalApi({ record: { submittedBy: 'ANN@example.com' } });

    // Act
    const { response } = await open(f, secrets.a1);
    const other = await open(f, secrets.a2);

    // Assess
    expect(response.body).not.toContain('value="approve"');
    expect(response.body).toContain('You submitted this document, so you may only reject it.');
    expect(other.response.body).toContain('value="approve"');
  });
});

describe('servePage: choosing', () => {
  it('leads to the confirmation and decides nothing', async () => {
    // Prepare
    const f = approvalApi();

    // Act
    const { response } = await choose(f, secrets.a1, 'approve', 'looks right');

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Confirm: approve?');
    expect(formValue(response.body, 'step')).toBe('confirm');
    expect(formValue(response.body, 'decision')).toBe('approve');
    expect(response.body).toContain('>looks right</textarea>');
    expect(votes(f)).toEqual([]);
    expect(f.sfn.results).toEqual([]);
  });

  it.each([
    ['no decision', {}],
    ['an unknown decision', { decision: 'maybe' }],
  ])('asks again when the form carries %s', async (_name, extra) => {
    // Prepare
    const f = approvalApi();
    const { nonce } = await open(f, secrets.a1);

    // Act
    const response = await servePage(
      f.deps,
      pageRequest('POST', f.approvalId, secrets.a1, { step: 'choose', nonce, ...extra }),
    );

    // Assess
    expect(response.body).toContain('Choose one of the buttons.');
    expect(formValue(response.body, 'step')).toBe('choose');
    expect(votes(f)).toEqual([]);
  });

  it.each([
    [
      'an hour-old page',
      (f: Api) =>
        signNonce(f.record().pageKey, f.approvalId, 'a1', f.time.now().getTime() - 3_601_000, 'choose'),
    ],
    [
      "another approver's page",
      (f: Api) => signNonce(f.record().pageKey, f.approvalId, 'a2', f.time.now().getTime(), 'choose'),
    ],
    ['a confirmation nonce', (f: Api) => confirmNonce(f, 'a1', 0)],
    ['no nonce', () => ''],
  ])('renders a fresh choice for %s', async (_name, nonceOf) => {
    // Prepare
    const f = approvalApi();

    // Act
    const response = await servePage(
      f.deps,
      pageRequest('POST', f.approvalId, secrets.a1, {
        step: 'choose',
        nonce: nonceOf(f),
        decision: 'approve',
      }),
    );

    // Assess
    expect(response.body).toContain('This page had expired. Please choose again.');
    expect(formValue(response.body, 'step')).toBe('choose');
  });
});

describe('servePage: confirming', () => {
  it('records the vote and, with the quorum met, delivers the approval', async () => {
    // Prepare
    const f = approvalApi();

    // Act
    const response = await decide(f, secrets.a1, 'approve', 'checked against the PO');

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1><bdi>Approved</bdi></h1>');
    expect(f.record()).toMatchObject({ status: 'APPROVED', decidedBy: ['ann@example.com'] });
    expect(f.record().approvers.a1?.vote).toMatchObject({
      approver: 'ann@example.com',
      decision: 'approve',
      comment: 'checked against the PO',
      clientIp: '198.51.100.7',
      summaryHash: f.record().summaryHash,
    });
    expect(f.sfn.results).toMatchObject([
      {
        kind: 'success',
        taskToken: 'token-request',
        output: { decision: 'approved', votes: [{ approver: 'ann@example.com' }] },
      },
    ]);
    expect(f.audit.types()).toEqual(['VOTE_RECORDED', 'APPROVAL_DECIDED', 'DECISION_DELIVERED']);
    expect(f.record().deliveredAt).toBe('2025-03-01T10:00:05.000Z');
  });

  it('refuses a confirmation faster than a person reads, then accepts it after a pause', async () => {
    // Prepare
    const f = approvalApi();
    const { nonce } = await choose(f, secrets.a1, 'approve');
    f.time.advance(1_000);

    // Act
    const tooFast = await servePage(
      f.deps,
      pageRequest('POST', f.approvalId, secrets.a1, { step: 'confirm', nonce, decision: 'approve' }),
    );
    const votesAfterTooFast = votes(f);
    f.time.advance(4_000);
    const again = await servePage(
      f.deps,
      pageRequest('POST', f.approvalId, secrets.a1, {
        step: 'confirm',
        nonce: formValue(tooFast.body, 'nonce') ?? '',
        decision: 'approve',
      }),
    );

    // Assess
    expect(tooFast.body).toContain('Please review it and confirm again.');
    expect(formValue(tooFast.body, 'step')).toBe('confirm');
    expect(votesAfterTooFast).toEqual([]);
    expect(f.audit.ofType('DECISION_TOO_FAST')).toHaveLength(1);
    expect(again.body).toContain('<h1><bdi>Approved</bdi></h1>');
  });

  it('renders a fresh choice for a confirmation older than an hour', async () => {
    // Prepare
    const f = approvalApi();

    // Act
    const response = await postConfirm(f, secrets.a1, 'approve', 3_601_000);

    // Assess
    expect(response.body).toContain('This page had expired. Please choose again.');
    expect(votes(f)).toEqual([]);
  });

  it.each([
    ['choosing', 'choose'],
    ['confirming', 'confirm'],
  ])('refuses the submitter approving (%s)', async (_name, step) => {
    // Prepare
    const f = approvalApi({ record: { submittedBy: 'ann@example.com' } });
    const at = f.time.now().getTime() - 10_000;
    const nonce = signNonce(
      f.record().pageKey,
      f.approvalId,
      'a1',
      at,
      step,
      step === 'confirm' ? 'approve' : '',
    );

    // Act
    const response = await servePage(
      f.deps,
      pageRequest('POST', f.approvalId, secrets.a1, { step, nonce, decision: 'approve' }),
    );

    // Assess
    expect(response.statusCode).toBe(403);
    expect(votes(f)).toEqual([]);
    expect(f.record().status).toBe('PENDING');
    expect(f.audit.ofType('SEPARATION_OF_DUTIES_REFUSED')).toHaveLength(1);
  });

  it('lets the submitter reject', async () => {
    // Prepare
    const f = approvalApi({ record: { submittedBy: 'ann@example.com' } });

    // Act
    const response = await decide(f, secrets.a1, 'reject');

    // Assess
    expect(response.body).toContain('<h1><bdi>Rejected</bdi></h1>');
    expect(f.sfn.results).toMatchObject([{ kind: 'failure', error: 'Approval.Rejected' }]);
  });

  it('keeps one vote per approver', async () => {
    // Prepare: two approvals needed; Ann has voted.
    const f = approvalApi({ record: { requiredApprovals: 2 } });
    const first = await decide(f, secrets.a1, 'approve');

    // Act
    const reopened = await open(f, secrets.a1);
    const revote = await postConfirm(f, secrets.a1, 'reject');

    // Assess
    expect(first.body).toContain('1 more approval is needed');
    for (const response of [reopened.response, revote]) {
      expect(response.body).toContain('<h1><bdi>Already recorded</bdi></h1>');
      expect(response.body).toContain('You already chose to approve');
    }
    expect(votes(f)).toEqual(['approve']);
    expect(f.record().status).toBe('PENDING');
    expect(f.audit.ofType('VOTE_RECORDED')).toHaveLength(1);
    expect(f.sfn.results).toEqual([]);
  });

  it('records one vote when the same approver confirms twice at once', async () => {
    // Prepare
    const f = approvalApi({ record: { requiredApprovals: 2 } });

    // Act
    const responses = await Promise.all([
      postConfirm(f, secrets.a1, 'approve'),
      postConfirm(f, secrets.a1, 'reject'),
    ]);

    // Assess
    expect(votes(f)).toEqual(['approve']);
    expect(responses.map((r) => r.body.includes('<h1><bdi>Already recorded</bdi></h1>'))).toEqual([
      false,
      true,
    ]);
    expect(f.audit.ofType('VOTE_RECORDED')).toHaveLength(1);
  });

  it('decides once the quorum is met, with every approving vote', async () => {
    // Prepare
    const f = approvalApi({ record: { requiredApprovals: 2 } });

    // Act
    await decide(f, secrets.a1, 'approve');
    const last = await decide(f, secrets.a2, 'approve');

    // Assess
    expect(last.body).toContain('<h1><bdi>Approved</bdi></h1>');
    expect(f.record()).toMatchObject({
      status: 'APPROVED',
      decidedBy: ['ann@example.com', 'bob@example.com'],
    });
    expect(f.sfn.results).toHaveLength(1);
    expect(f.sfn.results[0]).toMatchObject({
      kind: 'success',
      output: {
        decision: 'approved',
        votes: [{ approver: 'ann@example.com' }, { approver: 'bob@example.com' }],
      },
    });
    expect(f.audit.ofType('APPROVAL_DECIDED')).toHaveLength(1);
  });

  it('counts a stored vote that a stopped run never counted when the confirmation is sent again', async () => {
    // Prepare: Ann's vote was stored with its event, then the function died before counting it.
    const f = approvalApi();
    const stored = {
      approver: 'ann@example.com',
      decision: 'approve' as const,
      at: f.time.now().toISOString(),
      clientIp: '198.51.100.7',
      userAgent: 'Mozilla/5.0 (test)',
      summaryHash: f.record().summaryHash,
    };
    await f.approvals.recordVote(f.approvalId, 'a1', stored, voteEvent(f.record(), stored));

    // Act: her browser sends the confirmation again (its answer never came).
    const again = await postConfirm(f, secrets.a1, 'approve');
    const reopened = await open(f, secrets.a1);

    // Assess
    expect(again.body).toContain('<h1><bdi>Approved</bdi></h1>');
    expect(f.record()).toMatchObject({ status: 'APPROVED', decidedBy: ['ann@example.com'] });
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-request' }]);
    expect(f.audit.types()).toEqual(['VOTE_RECORDED', 'APPROVAL_DECIDED', 'DECISION_DELIVERED']);
    expect(reopened.response.body).not.toContain('name="nonce"');
  });

  it('rejects on one rejection under a veto, and tells the next approver it was decided', async () => {
    // Prepare
    const f = approvalApi({ record: { requiredApprovals: 2, veto: true } });

    // Act
    const rejected = await decide(f, secrets.a2, 'reject', 'duplicate of INV-0099');
    const late = await open(f, secrets.a1);

    // Assess
    expect(rejected.body).toContain('<h1><bdi>Rejected</bdi></h1>');
    expect(f.sfn.results).toEqual([
      expect.objectContaining({ kind: 'failure', taskToken: 'token-request', error: 'Approval.Rejected' }),
    ]);
    expect(late.response.body).toContain('already rejected by bob@example.com');
    expect(late.response.body).not.toContain('<form');
  });

  it('keeps at most 1000 characters of a comment', async () => {
    const f = approvalApi();
    await decide(f, secrets.a1, 'approve', 'x'.repeat(1500));
    expect(f.record().approvers.a1?.vote?.comment).toHaveLength(1000);
  });

  it('shows how the approval ended when it ends while a confirmation is in flight', async () => {
    // Prepare: the approval expires between reading it and recording the vote.
    class ExpiringApprovals extends MemoryApprovals {
      override async recordVote(...args: Parameters<MemoryApprovals['recordVote']>) {
        await this.finish(args[0], 'EXPIRED', ending('APPROVAL_EXPIRED', '2025-03-01T10:00:00.000Z'));
        return super.recordVote(...args);
      }
    }
    const approvals = new ExpiringApprovals([approvalApi().record()]);
    const f = approvalApi({ approvals });

    // Act
    const response = await postConfirm(f, secrets.a1, 'approve');

    // Assess
    expect(response.statusCode).toBe(410);
    expect(votes(f)).toEqual([]);
    expect(f.sfn.results).toEqual([]);
  });
});

describe('servePage: links that do not open an approval', () => {
  it('answers a wrong secret and an unknown approval id with identical pages', async () => {
    // Prepare
    const f = approvalApi();

    // Act
    const wrongSecret = await servePage(f.deps, pageRequest('GET', f.approvalId, 'not-the-secret-0000000'));
    const unknownId = await servePage(f.deps, pageRequest('GET', 'UnknownApprovalId00000', secrets.a1));

    // Assess
    expect(wrongSecret.statusCode).toBe(404);
    expect(unknownId).toEqual(wrongSecret);
    expect(f.audit.ofType('LINK_REFUSED').map((e) => e.documentId)).toEqual([
      f.record().documentId,
      'approvals/unknown',
    ]);
  });

  it('decides nothing for a wrong secret, even with an authentic nonce', async () => {
    // Prepare
    const f = approvalApi();

    // Act
    const response = await postConfirm(f, 'not-the-secret-0000000', 'approve');

    // Assess
    expect(response.statusCode).toBe(404);
    expect(votes(f)).toEqual([]);
  });

  it("does not open one approval with the secret of another's approver", async () => {
    // Prepare
    const other = approvalRecord({
      approvalId: 'AnotherApprovalId00000',
      approvers: { a1: approver('cy@example.com', 'secret-of-another-approval') },
    });
    const f = approvalApi({ approvals: new MemoryApprovals([approvalRecord(), other]) });

    // Act
    const crossed = await servePage(f.deps, pageRequest('GET', other.approvalId, secrets.a1));
    const own = await servePage(f.deps, pageRequest('GET', other.approvalId, 'secret-of-another-approval'));

    // Assess
    expect(crossed.statusCode).toBe(404);
    expect(own.statusCode).toBe(200);
  });

  it('opens with an earlier link after a reminder added another', async () => {
    // Prepare
    const f = approvalApi();
    await f.approvals.addSecretHash(f.approvalId, 'a1', 'f'.repeat(64));

    // Act
    const { response } = await open(f, secrets.a1);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(formValue(response.body, 'step')).toBe('choose');
  });
});

describe('servePage: ended approvals', () => {
  it.each<[ApprovalStatus, number, string]>([
    ['EXPIRED', 410, 'Approval expired'],
    ['CANCELLED', 410, 'Approval withdrawn'],
    ['APPROVED', 200, 'Already decided'],
    ['REJECTED', 200, 'Already decided'],
  ])(
    'an approval %s answers %i to a view and to a confirmation alike, deciding nothing',
    async (status, code, title) => {
      // Prepare
      const f = approvalApi({
        record: {
          status,
          decidedAt: '2025-03-01T09:30:00.000Z',
          decidedBy: status === 'APPROVED' || status === 'REJECTED' ? ['bob@example.com'] : [],
          ...(status === 'APPROVED' || status === 'REJECTED'
            ? { deliveredAt: '2025-03-01T09:30:01.000Z' }
            : {}),
        },
      });

      // Act
      const viewed = await servePage(f.deps, pageRequest('GET', f.approvalId, secrets.a1));
      const confirmed = await postConfirm(f, secrets.a1, 'approve');

      // Assess
      for (const response of [viewed, confirmed]) {
        expect(response.statusCode).toBe(code);
        expect(response.body).toContain(`<h1><bdi>${title}</bdi></h1>`);
        expect(response.body).not.toContain('<form');
      }
      expect(votes(f)).toEqual([]);
      expect(f.record().status).toBe(status);
      expect(f.sfn.results).toEqual([]);
    },
  );
});

describe('servePage: a decision whose delivery a cut-off run never made', () => {
  it('is handed to the waiting workflow when the link is opened again, once', async () => {
    // Prepare: Bob's vote decided; the function died before SendTaskSuccess.
    const f = approvalApi({
      record: { status: 'APPROVED', decidedAt: '2025-03-01T09:30:00.000Z', decidedBy: ['bob@example.com'] },
    });

    // Act
    const head = await servePage(f.deps, pageRequest('HEAD', f.approvalId, secrets.a2));
    const viewed = await servePage(f.deps, pageRequest('GET', f.approvalId, secrets.a2));
    const again = await servePage(f.deps, pageRequest('GET', f.approvalId, secrets.a2));

    // Assess
    expect(head.statusCode).toBe(200);
    for (const response of [viewed, again])
      expect(response.body).toContain('<h1><bdi>Already decided</bdi></h1>');
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-request' }]);
    expect(f.record().deliveredAt).toBe('2025-03-01T10:00:00.000Z');
    expect(votes(f)).toEqual([]);
  });

  it('leaves a wait that has ended to the next phase, rendering the decision as usual', async () => {
    // Prepare
    const f = approvalApi({
      record: { status: 'REJECTED', decidedAt: '2025-03-01T09:30:00.000Z', decidedBy: ['bob@example.com'] },
      refuse: () => 'TaskTimedOut',
    });

    // Act
    const viewed = await servePage(f.deps, pageRequest('GET', f.approvalId, secrets.a1));

    // Assess
    expect(viewed.body).toContain('<h1><bdi>Already decided</bdi></h1>');
    expect(f.record().deliveredAt).toBeUndefined();
    expect(f.audit.types()).toEqual([]);
  });
});

describe('servePage: step-up', () => {
  it('emails a code when the choice is made and decides only with the right code', async () => {
    // Prepare
    const f = approvalApi({ record: { stepUp: true } });
    const { response: confirmation, nonce } = await choose(f, secrets.a1, 'approve');
    const code = f.lastCode();
    f.time.advance(5_000);
    const post = (form: Record<string, string>) =>
      servePage(
        f.deps,
        pageRequest('POST', f.approvalId, secrets.a1, {
          step: 'confirm',
          nonce,
          decision: 'approve',
          ...form,
        }),
      );

    // Act
    const wrong = await post({ code: code === '000000' ? '111111' : '000000' });
    const right = await post({ code: ` ${code} ` });

    // Assess
    expect(confirmation.body).toContain('name="code"');
    expect(f.mail.sent.map((e) => e.to)).toEqual(['ann@example.com']);
    expect(wrong.body).toContain('That code is not right. 4 attempts left.');
    expect(right.body).toContain('<h1><bdi>Approved</bdi></h1>');
    expect(f.audit.types()).toEqual([
      'STEP_UP_CODE_SENT',
      'VOTE_RECORDED',
      'APPROVAL_DECIDED',
      'DECISION_DELIVERED',
    ]);
  });

  it('locks the approver out after too many wrong codes', async () => {
    // Prepare
    const f = approvalApi({ record: { stepUp: true } });
    const { nonce } = await choose(f, secrets.a1, 'approve');
    const code = f.lastCode();
    const wrongCode = code === '000000' ? '111111' : '000000';
    f.time.advance(5_000);
    const post = (value: string) =>
      servePage(
        f.deps,
        pageRequest('POST', f.approvalId, secrets.a1, {
          step: 'confirm',
          nonce,
          decision: 'approve',
          code: value,
        }),
      );

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(wrongCode)).statusCode);
    const rightTooLate = await post(code);

    // Assess
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(rightTooLate.statusCode).toBe(429);
    expect(votes(f)).toEqual([]);
    expect(f.audit.ofType('STEP_UP_LOCKED')).toHaveLength(1);
  });
});
