import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultInputs } from '../../lambdas/platform/human-step/form/inputs.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { claimForm } from '../processes/claims/form.ts';
import { claimsProcess } from '../processes/claims/process.ts';
import { hiddenField, open, post } from './support/approval-page.ts';
import { startTestRuntime, testContext } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;
const handler = 'handler@claims.example';

/** Every hidden field of a page: what the confirmation carries back. */
const hiddenFields = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

describe('a human step that declares a form (the claims test process)', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({
      processes: [...processes, claimsProcess],
      context: {
        processes: {
          ...testContext.processes,
          // The form is posted as the link's forms are; sign-in has tests of its own.
          claims: { approval: { approvers: [handler], minDwellSeconds: 1, identity: 'link' } },
        },
      },
    });
  });
  afterAll(async () => t?.runtime.stop());

  it('refuses invalid values with the field named and nothing lost; valid ones reach the workflow and the audit', async () => {
    // Prepare
    const bytes = await invoicePdf(randomInvoiceSpec('human-step-form', { language: 'en' }));
    const id = await t.tools.drop('claims', 'claim-7.pdf', bytes);
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    const [sent] = await t.tools.waitForApprovalLinks((l) => l.subject.includes('claim-7.pdf'));
    const link = sent?.link ?? '';
    const first = await open(link);
    const typed = {
      ...defaultInputs(claimForm),
      'f.outcome': 'partial',
      'f.lines.1.translation': 'Drying equipment, 5 days',
      'f.reason': 'Kept as typed',
    };

    // Act: an amount above the form's maximum, then a valid one.
    const refused = await post(link, {
      nonce: hiddenField(first.html, 'nonce'),
      step: 'choose',
      decision: 'pay',
      ...typed,
      'f.payout': '9000',
    });
    const auditAfterRefusal = (await t.tools.audit(id)).map((e) => e.type);
    const statusAfterRefusal = (await t.tools.document(id))?.status;
    const chosen = await post(link, {
      nonce: hiddenField(refused.html, 'nonce'),
      step: 'choose',
      decision: 'pay',
      ...typed,
      'f.payout': '1,250.5',
    });
    await new Promise((r) => setTimeout(r, 1100));
    const decided = await post(link, hiddenFields(chosen.html));

    // Assess: the refusal named the field, kept what was typed, decided and delivered nothing.
    expect(first.html).toContain('<label for="f-payout">');
    expect(refused.status).toBe(200);
    expect(refused.html).toContain('Payout: Enter EUR 5,000.00 or less.');
    expect(refused.html).toContain('value="9000"');
    expect(refused.html).toContain('>Kept as typed</textarea>');
    expect(statusAfterRefusal).toBe('AWAITING_APPROVAL');
    expect(auditAfterRefusal).not.toContain('VOTE_RECORDED');
    expect(auditAfterRefusal).not.toContain('DECISION_DELIVERED');
    // The valid values reached the workflow's state at $.humanTasks.handling.outcome.values, and the audit.
    expect(decided.html).toContain('It is approved');
    const done = await t.tools.waitForEnd(id, ['COMPLETED', 'REJECTED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    const values = {
      outcome: 'partial',
      payout: { value: '1250.50', currency: 'EUR' },
      reason: 'Kept as typed',
      policyNumber: 'PX-1234',
      incidentDate: '2026-03-02',
      lines: [{ translation: 'Water damage in the kitchen' }, { translation: 'Drying equipment, 5 days' }],
    };
    const history = await t.runtime.clients.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: done.ownerExecution ?? '', includeExecutionData: true }),
    );
    const finish = history.events?.find((e) => e.stateEnteredEventDetails?.name === 'Finish');
    const state = JSON.parse(finish?.stateEnteredEventDetails?.input ?? '{}') as {
      humanTasks?: { handling?: { outcome?: { values?: unknown } } };
    };
    expect(state.humanTasks?.handling?.outcome?.values).toEqual(values);
    const audit = await t.tools.audit(id);
    expect(audit.find((e) => e.type === 'VOTE_RECORDED')?.details).toMatchObject({ values });
    expect(audit.find((e) => e.type === 'APPROVAL_DECIDED')?.details).toMatchObject({ values });
  });
});
