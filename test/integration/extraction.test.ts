import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedFields,
  invoicePdf,
  malformedSamples,
  randomInvoiceSpec,
} from '../../lambdas/processes/invoice/samples/index.ts';
import type { TextractServer } from '../../local/emulators/textract/server.ts';
import { failureOf } from '../../local/stepfunctions/history-reading.ts';
import { encryptedFixtures, fixtureBytes } from '../unit/platform/inspection/support/encrypted-fixtures.ts';
import { startTestRuntime } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

/** An invoice whose second page carries the terms: only the asynchronous API reads it. */
async function twoPageInvoice(seed: string) {
  const spec = randomInvoiceSpec(seed, {
    language: 'en',
    currency: 'EUR',
    lineItems: [{ description: 'Maintenance', quantity: 1, unitPriceCents: 120_000 }],
  });
  const doc = await PDFDocument.load(await invoicePdf(spec));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc
    .addPage([595.28, 841.89])
    .drawText('Terms: payment within 30 days. Page 2 of 2', { x: 50, y: 780, size: 10, font });
  return { spec, bytes: await doc.save() };
}

async function pages(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++)
    doc.addPage([595.28, 841.89]).drawText(`Page ${i}`, { x: 50, y: 780, size: 10, font });
  return doc.save();
}

describe('extraction: both Textract paths, recovery, and bad input', () => {
  let t: Started;
  let dropNotifications = false;
  beforeAll(async () => {
    t = await startTestRuntime({
      clockScale: 0.001,
      textract: { jobs: { shouldNotify: () => !dropNotifications } },
    });
  });
  afterAll(async () => t?.runtime.stop());

  it('reads a multipage PDF with an expense job, waking the workflow from the SNS notification', async () => {
    // Prepare
    const { spec, bytes } = await twoPageInvoice('async-1');
    // Act
    const id = await t.tools.drop('invoice', 'two-pages.pdf', bytes);
    const doc = await t.tools.waitForStatus(id, ['COMPLETED', 'FAILED', 'REJECTED_INPUT']);
    // Assess
    expect(doc.status).toBe('COMPLETED');
    const events = await t.tools.audit(id);
    expect(events.find((e) => e.type === 'EXTRACTION_STARTED')?.details).toMatchObject({ pageCount: 2 });
    expect(events.find((e) => e.type === 'EXTRACTED')?.actor).toEqual({
      kind: 'model',
      id: 'textract:StartExpenseAnalysis',
    });
    const result = await t.runtime.clients.s3.send(
      new GetObjectCommand({ Bucket: t.runtime.names.bucket, Key: doc.resultKey }),
    );
    const body = JSON.parse(await (result.Body?.transformToString() ?? '')) as {
      invoice: { total: { value: string }; pageCount: number };
    };
    expect(body.invoice.total.value).toBe(expectedFields(spec).total);
    expect(body.invoice.pageCount).toBe(2);
    expect(
      t.runtime.handle<TextractServer>('textract').calls.get('StartExpenseAnalysis'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('recovers when the completion notification never arrives, by reading the job after the wait times out', async () => {
    dropNotifications = true;
    const { bytes } = await twoPageInvoice('async-lost');
    const id = await t.tools.drop('invoice', 'lost-notification.pdf', bytes);
    // The wait's TimeoutSeconds (3600) runs 1000 times faster here: about 3.6 s.
    const doc = await t.tools.waitForStatus(id, ['COMPLETED', 'FAILED', 'REJECTED_INPUT'], 60_000);
    dropNotifications = false;
    expect(doc.status).toBe('COMPLETED');
    const types = (await t.tools.audit(id)).map((e) => e.type);
    expect(types).toContain('EXTRACTION_RECOVERED');
    const execution = t.runtime.stepFunctions.store.list().find((e) => e.name.endsWith(id));
    const entered = execution?.events
      .filter((e) => e.type.endsWith('StateEntered'))
      .map((e) => (e.stateEnteredEventDetails as { name: string }).name);
    expect(entered?.slice(0, 3)).toEqual(['Extract', 'RecoverExtraction', 'Score']);
  });

  it('quarantines every kind of bad input with its reason, keeping the original', async () => {
    const samples = await malformedSamples(7);
    const bad: [string, Uint8Array, string][] = [
      ...samples
        .filter((s) => s.name !== 'two-page')
        .map((s): [string, Uint8Array, string] => [
          s.fileName,
          s.bytes,
          {
            empty: 'empty',
            'random-bytes': 'unsupported-type',
            truncated: 'corrupt',
            encrypted: 'encrypted',
            'two-page': '',
          }[s.name],
        ]),
      [
        'huge.png',
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.alloc(11 * 1024 * 1024, 7),
        ]),
        'too-large',
      ],
      ['book.pdf', await pages(101), 'too-many-pages'],
      [
        'letter.docx',
        Buffer.from('PK\u0003\u0004 this is a zip container, not an invoice'),
        'unsupported-type',
      ],
    ];
    const ids = await Promise.all(bad.map(([name, bytes]) => t.tools.drop('invoice', `bad/${name}`, bytes)));
    for (const [i, [name, bytes, reason]] of bad.entries()) {
      const id = ids[i] ?? '';
      const doc = await t.tools.waitForStatus(id, ['REJECTED_INPUT', 'COMPLETED', 'FAILED']);
      expect({ name, status: doc.status }).toEqual({ name, status: 'REJECTED_INPUT' });
      expect(doc).toMatchObject({
        rejectionReason: reason,
        quarantineKey: `quarantine/invoice/${id}/${name}`,
      });
      const kept = await t.runtime.clients.s3.send(
        new HeadObjectCommand({ Bucket: t.runtime.names.bucket, Key: doc.quarantineKey as string }),
      );
      expect(kept.ContentLength).toBe(bytes.length);
      expect(kept.Metadata?.['rejection-reason']).toBe(reason);
      await expect(
        t.runtime.clients.s3.send(
          new HeadObjectCommand({ Bucket: t.runtime.names.bucket, Key: `invoices/bad/${name}` }),
        ),
      ).rejects.toMatchObject({ name: 'NotFound' });
    }
  });

  it('reads an invoice that opens without a password (owner password only), quarantines one that needs one', async () => {
    // Prepare: the same invoice, encrypted by qpdf with AES-128 twice (test/fixtures/encrypted-pdf).
    const invoices = encryptedFixtures().filter((f) => f.invoice !== undefined);
    const open = invoices.find((f) => !f.userPassword);
    const locked = invoices.find((f) => f.userPassword);
    // Act
    const openId = await t.tools.drop('invoice', `protected/${open?.file}`, fixtureBytes(open?.file ?? ''));
    const lockedId = await t.tools.drop(
      'invoice',
      `protected/${locked?.file}`,
      fixtureBytes(locked?.file ?? ''),
    );
    const read = await t.tools.waitForStatus(openId, [
      'COMPLETED',
      'AWAITING_APPROVAL',
      'FAILED',
      'REJECTED_INPUT',
    ]);
    const refused = await t.tools.waitForStatus(lockedId, ['REJECTED_INPUT', 'COMPLETED', 'FAILED']);
    // Assess
    expect(['COMPLETED', 'AWAITING_APPROVAL']).toContain(read.status);
    const extracted = (await t.tools.audit(openId)).find((e) => e.type === 'EXTRACTED');
    expect(extracted?.details).toMatchObject({
      fields: expect.arrayContaining([
        expect.objectContaining({ name: 'invoiceNumber', value: open?.invoice?.invoiceNumber }),
        expect.objectContaining({ name: 'total', value: open?.invoice?.total }),
      ]),
    });
    expect(refused).toMatchObject({
      status: 'REJECTED_INPUT',
      rejectionReason: 'encrypted',
      quarantineKey: `quarantine/invoice/${lockedId}/${locked?.file}`,
    });
    const quarantined = (await t.tools.audit(lockedId)).find((e) => e.type === 'QUARANTINED');
    expect(quarantined?.rationale?.[0]).toMatch(
      /^\[encrypted\] The PDF needs a password to open \(standard security handler, revision 4, AES-128\): ask the sender/,
    );
  });

  // A single PUT carries up to 5 GB (S3 User Guide, "Uploading objects",
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html): the quarantine copy of a
  // 60 MB file is one streamed GetObject into one PutObject, through the IAM proxy both ways.
  it('quarantines a 60 MB file that is not a PDF, whole, without a retry', async () => {
    // Prepare
    const bytes = randomBytes(60 * 1024 * 1024);
    // Act
    const id = await t.tools.drop('invoice', 'bad/sixty-megabytes.pdf', bytes);
    const doc = await t.tools.waitForStatus(id, ['REJECTED_INPUT', 'COMPLETED', 'FAILED']);
    // Assess
    expect(doc).toMatchObject({
      status: 'REJECTED_INPUT',
      rejectionReason: 'unsupported-type',
      quarantineKey: `quarantine/invoice/${id}/sixty-megabytes.pdf`,
    });
    const kept = await t.runtime.clients.s3.send(
      new GetObjectCommand({ Bucket: t.runtime.names.bucket, Key: doc.quarantineKey as string }),
    );
    const hash = createHash('sha256');
    for await (const chunk of kept.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    const execution = t.runtime.stepFunctions.store.list().find((e) => e.name.endsWith(id));
    // The only failure is the extraction's refusal of the input: the copy never failed or retried.
    const failures = execution?.events.map(failureOf).filter((f) => f !== undefined);
    expect(failures?.map((f) => f.error)).toEqual(['Tower.InputRejected']);
  });
});
