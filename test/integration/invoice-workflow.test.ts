import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedFields,
  invoicePdf,
  randomInvoiceSpec,
} from '../../lambdas/processes/invoice/samples/index.ts';
import { reconcileIntake } from '../../local/runtime/reconcile.ts';
import { retriesOf } from '../../local/stepfunctions/history-reading.ts';
import { decide } from './support/approval-page.ts';
import { startTestRuntime } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

describe('invoice processing through the local runtime', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({ clockScale: 0.01 });
  });
  afterAll(async () => t?.runtime.stop());

  const smallSpec = (seed: string) =>
    randomInvoiceSpec(seed, {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Consulting', quantity: 2, unitPriceCents: 45_000 }],
    });
  const smallInvoice = (seed: string) => invoicePdf(smallSpec(seed));

  it('takes a dropped invoice to COMPLETED with a result in S3 and a full audit trail', async () => {
    // Prepare
    const spec = smallSpec('workflow-clean');
    const pdf = await invoicePdf(spec);
    // Act
    const id = await t.tools.drop('invoice', 'clean.pdf', pdf);
    const doc = await t.tools.waitForStatus(id, [
      'COMPLETED',
      'FAILED',
      'REJECTED_INPUT',
      'AWAITING_APPROVAL',
    ]);
    // Assess
    expect(doc.status).toBe('COMPLETED');
    await t.tools.waitForEnd(id, ['COMPLETED']);
    const result = await t.runtime.clients.s3.send(
      new GetObjectCommand({ Bucket: t.runtime.names.bucket, Key: doc.resultKey }),
    );
    const body = JSON.parse(await (result.Body?.transformToString() ?? '')) as {
      status: string;
      invoice: { total: { value: string } };
      versions: Record<string, string>;
    };
    expect(body.status).toBe('COMPLETED');
    expect(body.invoice.total.value).toBe(expectedFields(spec).total);
    expect(body.versions.model).toMatch(/vendor-risk/);
    const types = (await t.tools.audit(id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['DOCUMENT_RECEIVED', 'EXTRACTED', 'SCORED', 'RULES_APPLIED', 'FINALIZED']),
    );
    const statuses = (await t.tools.audit(id))
      .filter((e) => e.type === 'STATUS_CHANGED')
      .map((e) => e.decision);
    expect(statuses).toEqual(expect.arrayContaining(['QUEUED', 'EXECUTING', 'COMPLETED']));
  });

  it('starts one execution for the same file dropped twice and under another name', async () => {
    const pdf = await smallInvoice('workflow-duplicate');
    const id = await t.tools.drop('invoice', 'dup-a.pdf', pdf);
    await t.tools.drop('invoice', 'dup-a.pdf', pdf);
    await t.tools.drop('invoice', 'dup-b.pdf', pdf);
    await t.tools.waitForStatus(id, ['COMPLETED']);
    await new Promise((r) => setTimeout(r, 1500));
    const executions = t.runtime.stepFunctions.store.list().filter((e) => e.name.endsWith(id));
    expect(executions).toHaveLength(1);
    // The duplicate's intake object is settled (the document keeps dup-a.pdf), so a restart, which
    // announces every intake object no document came from, finds nothing to announce.
    const keys = async () =>
      (
        await t.runtime.clients.s3.send(
          new ListObjectsV2Command({ Bucket: t.runtime.names.bucket, Prefix: 'invoices/dup-' }),
        )
      ).Contents?.map((o) => o.Key);
    for (let i = 0; i < 100 && (await keys())?.length !== 1; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await keys()).toEqual(['invoices/dup-a.pdf']);
    const duplicate = (await t.tools.audit(id)).find(
      (e) => e.type === 'DUPLICATE_RECEIVED' && e.details?.key === 'invoices/dup-b.pdf',
    );
    expect(duplicate?.rationale?.[0]).toMatch(/^dup-b\.pdf has the same content as dup-a\.pdf, received /);
    const announced = await reconcileIntake({
      s3: t.runtime.clients.s3,
      bucket: t.runtime.names.bucket,
      prefixes: ['invoices/dup-'],
      documents: await t.tools.documents(),
      executionRunning: () => false,
      announce: async () => undefined,
    });
    expect(announced).toBe(0);
  });

  it('waits in AWAITING_APPROVAL until the emailed link decides, then completes', async () => {
    const pdf = await invoicePdf(
      randomInvoiceSpec('workflow-approval', {
        language: 'en',
        currency: 'EUR',
        lineItems: [{ description: 'Servers', quantity: 4, unitPriceCents: 900_000 }],
      }),
    );
    const id = await t.tools.drop('invoice', 'large.pdf', pdf, { 'submitted-by': 'carol@example.com' });
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    const links = await t.tools.waitForApprovalLinks((l) => l.to === 'alice@example.com');
    const link = links.at(-1)?.link;
    expect(link).toBeDefined();
    const page = await decide(link ?? '', 'approve', 1100);
    expect(page.html).toContain('approved');
    const doc = await t.tools.waitForStatus(id, ['COMPLETED', 'REJECTED', 'FAILED']);
    expect(doc.status).toBe('COMPLETED');
    const votes = (await t.tools.audit(id)).filter((e) => e.type === 'VOTE_RECORDED');
    expect(votes.map((v) => v.actor.id)).toEqual(['alice@example.com']);
  });

  it('retries a transient handler error and ends a permanent one FAILED with its class', async () => {
    t.runtime.faults.set([{ functionId: 'score', kind: 'transient', times: 2 }]);
    const retried = await t.tools.drop('invoice', 'transient.pdf', await smallInvoice('workflow-transient'));
    expect((await t.tools.waitForStatus(retried, ['COMPLETED', 'FAILED'])).status).toBe('COMPLETED');
    t.runtime.faults.set([{ functionId: 'rules', kind: 'permanent' }]);
    const failed = await t.tools.drop('invoice', 'permanent.pdf', await smallInvoice('workflow-permanent'));
    const doc = await t.tools.waitForStatus(failed, ['COMPLETED', 'FAILED']);
    t.runtime.faults.set([]);
    expect(doc.status).toBe('FAILED');
    expect(doc).toMatchObject({ failureClass: 'permanent', failedStep: 'rules' });
    const execution = t.runtime.stepFunctions.store.list().find((e) => e.name.endsWith(retried));
    // Score is a function ARN: each retry is the function scheduled again after a LambdaFunctionFailed.
    expect(retriesOf(execution?.events ?? [])).toBe(2);
    expect(execution?.events.filter((e) => e.type === 'LambdaFunctionFailed').length).toBe(2);
  });
});
