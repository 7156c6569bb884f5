import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { open } from './support/approval-page.ts';
import { startTestRuntime } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

// The SLA is the deployed one in shape (an hour, a reminder 20 minutes before, half an hour of
// escalation); the local clock runs 500 times faster by configuration, the ASL is untouched.
const clockScale = 0.002;
const policy = {
  approvers: ['alice@example.com'],
  escalationApprovers: ['erin@example.com'],
  timeoutSeconds: 3600,
  reminderBeforeSeconds: 1200,
  escalationTimeoutSeconds: 1800,
  minDwellSeconds: 1,
  identity: 'link',
};

describe('approval SLAs in the state machine', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({ clockScale, context: { processes: { invoice: { approval: policy } } } });
  });
  afterAll(async () => t?.runtime.stop());

  it('reminds, escalates once, then rejects automatically, and answers a late click clearly', async () => {
    // Prepare
    const spec = randomInvoiceSpec('approval-sla', {
      language: 'en',
      currency: 'EUR',
      invoiceNumber: 'SLA-1',
      lineItems: [{ description: 'Audit', quantity: 1, unitPriceCents: 2_500_000 }],
    });
    // Act
    const id = await t.tools.drop('invoice', 'sla.pdf', await invoicePdf(spec));
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    const doc = await t.tools.waitForEnd(id, ['REJECTED', 'COMPLETED', 'FAILED']);
    // Assess
    expect(doc.status).toBe('REJECTED');
    expect(doc.statusReason).toContain('expired');
    const events = (await t.tools.audit(id)).map((e) => e.type);
    const order = [
      'APPROVAL_REQUESTED',
      'APPROVAL_REMINDED',
      'APPROVAL_ESCALATED',
      'APPROVAL_EXPIRED',
      'FINALIZED',
    ];
    expect(order.map((type) => events.indexOf(type))).toEqual(
      [...order.map((type) => events.indexOf(type))].sort((a, b) => a - b),
    );
    expect(order.every((type) => events.includes(type))).toBe(true);
    const mail = (await t.runtime.mailbox()).filter((m) => m.subject.includes('SLA-1'));
    expect(mail.map((m) => `${m.subject.split(':')[0]} → ${m.to.join(',')}`)).toEqual([
      'Decision needed → alice@example.com',
      'Reminder → alice@example.com',
      'Escalated → erin@example.com',
    ]);
    const execution = t.runtime.stepFunctions.store.list().find((e) => e.name.endsWith(id));
    const entered = execution?.events
      .filter((e) => e.type.endsWith('StateEntered'))
      .map((e) => (e.stateEnteredEventDetails as { name: string }).name);
    // The approval path through the state machine (extraction may take its recovery path under load).
    const approvalStates = [
      'NeedsApproval',
      'RequestApproval',
      'RequestApprovalWait',
      'RequestApprovalRemind',
      'RequestApprovalEscalateOrExpire',
      'RequestApprovalEscalate',
      'RequestApprovalExpire',
      'Finalize',
    ];
    expect(entered?.filter((name) => approvalStates.includes(name))).toEqual(approvalStates);
    const [late] = await t.tools.waitForApprovalLinks((l) => l.subject.includes('SLA-1'));
    const page = await open(late?.link ?? '');
    expect(page.status).toBe(410);
    expect(page.html).toContain('passed its deadline');
  });
});
