import { describe, expect, it } from 'vitest';
import { servePage } from '../../../../../lambdas/platform/human-step/approval-api/decide.ts';
import { outcomeOf } from '../../../../../lambdas/platform/human-step/delivery.ts';
import { defaultInputs } from '../../../../../lambdas/platform/human-step/form/inputs.ts';
import { claimChoices, claimForm } from '../../../../processes/claims/form.ts';
import { approvalRecord, approver, humanRequest, secrets } from '../../shared/support/builders.ts';
import { approvalApi, formValue, pageRequest } from './support.ts';

type Api = ReturnType<typeof approvalApi>;
const withForm = () =>
  approvalApi({
    record: { request: humanRequest({ choices: claimChoices, form: claimForm }), choices: claimChoices },
  });
/** The page's pre-filled inputs, the second line translated and an outcome chosen. */
const typed = (edits: Record<string, string> = {}) => ({
  ...defaultInputs(claimForm),
  'f.outcome': 'partial',
  'f.lines.1.translation': 'Drying equipment, 5 days',
  ...edits,
});
/** Every hidden field of a page (what the confirmation carries). */
const hiddenFields = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

async function choose(f: Api, decision: string, inputs: Record<string, string>) {
  const first = await servePage(f.deps, pageRequest('GET', f.approvalId, secrets.a1));
  const nonce = formValue(first.body, 'nonce') ?? '';
  return servePage(
    f.deps,
    pageRequest('POST', f.approvalId, secrets.a1, { step: 'choose', nonce, decision, ...inputs }),
  );
}
const confirm = (f: Api, fields: Record<string, string>) =>
  servePage(f.deps, pageRequest('POST', f.approvalId, secrets.a1, fields));
const nothingDecided = (f: Api) => {
  expect(f.record().status).toBe('PENDING');
  expect(Object.values(f.record().approvers).some((a) => a.vote)).toBe(false);
  expect(f.sfn.results).toEqual([]);
};

describe('a human step with a form, through the two POSTs', () => {
  it('refuses invalid values on choose, naming the field and keeping what was typed', async () => {
    // Prepare
    const f = withForm();

    // Act
    const page = await choose(f, 'pay', typed({ 'f.payout': '9000', 'f.reason': 'kept <b>' }));

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="#f-payout"><bdi>Payout: Enter EUR 5,000.00 or less.</bdi></a>');
    expect(page.body).toContain('value="9000"');
    expect(page.body).toContain('>kept &lt;b&gt;</textarea>');
    expect(page.body).toContain('name="step" value="choose"');
    nothingDecided(f);
  });

  it('carries the values to the confirmation and hands them to the workflow and the audit', async () => {
    // Prepare
    const f = withForm();
    const chosen = await choose(f, 'pay', typed({ 'f.payout': '1,250.5' }));
    f.time.advance(5_000);

    // Act
    const done = await confirm(f, hiddenFields(chosen.body));

    // Assess
    const values = {
      outcome: 'partial',
      payout: { value: '1250.50', currency: 'EUR' },
      policyNumber: 'PX-1234',
      incidentDate: '2026-03-02',
      lines: [{ translation: 'Water damage in the kitchen' }, { translation: 'Drying equipment, 5 days' }],
    };
    expect(chosen.body).toContain('<dd><bdi>EUR 1,250.50</bdi></dd>');
    expect(done.body).toContain('It is approved');
    expect(f.sfn.results).toEqual([
      expect.objectContaining({
        kind: 'success',
        output: expect.objectContaining({ choice: 'pay', values }),
      }),
    ]);
    expect(f.audit.ofType('VOTE_RECORDED')[0]?.details).toMatchObject({ values });
    expect(f.audit.ofType('APPROVAL_DECIDED')[0]?.details).toMatchObject({ values });
  });

  it('refuses a confirmation whose values were swapped, like a swapped choice', async () => {
    // Prepare
    const f = withForm();
    const chosen = await choose(f, 'pay', typed());
    f.time.advance(5_000);

    // Act: a valid, but other, payout posted with the nonce of the first.
    const page = await confirm(f, { ...hiddenFields(chosen.body), 'f.payout': '4999.00' });

    // Assess
    expect(page.body).toContain('another choice or other values, so nothing was decided');
    expect(f.audit.ofType('CONFIRMATION_MISMATCH')).toHaveLength(1);
    nothingDecided(f);
  });

  it('checks the carried values again: an invalid one is shown with its error, nothing decided', async () => {
    const f = withForm();
    const chosen = await choose(f, 'pay', typed());
    f.time.advance(5_000);
    const page = await confirm(f, { ...hiddenFields(chosen.body), 'f.incidentDate': '2026-02-30' });
    expect(page.body).toContain('Date of the incident: Enter a date as YYYY-MM-DD');
    nothingDecided(f);
  });

  it('needs only what the rejection requires, and hands its values on with the rejection', async () => {
    const f = withForm();
    const refused = await choose(f, 'decline', typed({ 'f.outcome': '', 'f.payout': '' }));
    expect(refused.body).toContain('Reason: This is required to reject.');
    const chosen = await choose(f, 'decline', typed({ 'f.reason': 'Not insured' }));
    f.time.advance(5_000);
    await confirm(f, hiddenFields(chosen.body));
    expect(f.sfn.results).toEqual([
      expect.objectContaining({
        kind: 'failure',
        error: 'Approval.Rejected',
        cause: expect.objectContaining({
          choice: 'decline',
          values: expect.objectContaining({ reason: 'Not insured' }),
        }),
      }),
    ]);
  });
});

describe('values under a quorum', () => {
  it("hands on the deciding side's last vote's values (each vote keeps its own in the audit)", () => {
    // Prepare: two of three approve with different payouts, one rejects.
    const vote = (at: string, decision: 'approve' | 'reject', payout: string) => ({
      approver: `${payout}@example.com`,
      decision,
      at,
      values: { payout: { value: payout, currency: 'EUR' } },
      clientIp: '1',
      userAgent: 'u',
      summaryHash: 'h',
    });
    const record = approvalRecord({
      requiredApprovals: 2,
      approvers: {
        a1: approver('a@example.com', 'a', { vote: vote('2025-03-01T10:00:03.000Z', 'approve', '300.00') }),
        a2: approver('b@example.com', 'b', { vote: vote('2025-03-01T10:00:01.000Z', 'approve', '100.00') }),
        a3: approver('c@example.com', 'c', { vote: vote('2025-03-01T10:00:02.000Z', 'reject', '0.00') }),
      },
    });

    // Act
    const approved = outcomeOf(record, 'approved');
    const expired = outcomeOf(record, 'expired');

    // Assess
    expect(approved.values).toEqual({ payout: { value: '300.00', currency: 'EUR' } });
    expect(approved.votes.every((v) => !('values' in v))).toBe(true);
    expect(outcomeOf(record, 'rejected').values).toEqual({ payout: { value: '0.00', currency: 'EUR' } });
    expect(expired.values).toBeUndefined();
  });
});
