import {
  AnalyzeExpenseCommand,
  BadDocumentException,
  DetectDocumentTextCommand,
  DocumentTooLargeException,
  type ExpenseField,
  InvalidParameterException,
  InvalidS3ObjectException,
  UnsupportedDocumentException,
} from '@aws-sdk/client-textract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  invoicePdf,
  malformedSamples,
  randomInvoiceSpec,
} from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { type Loopback, startLoopback } from './loopback.ts';
import { failureOf } from './sdk-failure.ts';

/** The local Textract through the real SDK client, documents read from s3rver, all on 127.0.0.1. */

let loop: Loopback;

beforeAll(async () => {
  loop = await startLoopback();
});

afterAll(async () => {
  await loop?.close();
});

const analyzeS3 = (key: string, version?: string) =>
  loop.textract.send(
    new AnalyzeExpenseCommand({
      Document: { S3Object: { Bucket: loop.bucket, Name: key, Version: version } },
    }),
  );

const summaryText = (fields: readonly ExpenseField[] | undefined, type: string) =>
  fields?.find((f) => f.Type?.Text === type)?.ValueDetection?.Text;

describe('AnalyzeExpense over the wire', () => {
  it.each([
    ['en', 'inline', 11],
    ['de', 'columns', 12],
    ['fr', 'inline', 13],
  ] as const)('reads a %s %s invoice from S3 into the SDK response types', async (language, layout, seed) => {
    // Prepare
    const spec = randomInvoiceSpec(seed, { language, layout });
    await loop.put(`invoice/${seed}.pdf`, await invoicePdf(spec));

    // Act
    const out = await analyzeS3(`invoice/${seed}.pdf`, 'null');

    // Assess
    const doc = out.ExpenseDocuments?.[0];
    expect(out.DocumentMetadata?.Pages).toBe(1);
    expect(summaryText(doc?.SummaryFields, 'VENDOR_NAME')).toBe(spec.vendor.name);
    expect(summaryText(doc?.SummaryFields, 'INVOICE_RECEIPT_ID')).toBe(spec.invoiceNumber);
    expect(doc?.LineItemGroups?.[0]?.LineItems).toHaveLength(spec.lineItems.length);
    expect(doc?.Blocks?.[0]?.BlockType).toBe('PAGE');
  });

  it('reads a document sent inline as Bytes', async () => {
    // Prepare
    const spec = randomInvoiceSpec(21, { language: 'de' });

    // Act
    const out = await loop.textract.send(
      new AnalyzeExpenseCommand({ Document: { Bytes: await invoicePdf(spec) } }),
    );

    // Assess
    expect(summaryText(out.ExpenseDocuments?.[0]?.SummaryFields, 'INVOICE_RECEIPT_ID')).toBe(
      spec.invoiceNumber,
    );
  });
});

describe('errors, as the SDK sees them', () => {
  it.each(['empty', 'random-bytes', 'truncated', 'two-page', 'encrypted'] as const)(
    'answers a %s document with the service error',
    async (name) => {
      // Prepare
      const sample = (await malformedSamples(3)).find((s) => s.name === name);
      if (sample === undefined) throw new Error(`no sample ${name}`);
      await loop.put(`bad/${sample.fileName}`, sample.bytes);

      // Act
      const error = await failureOf(analyzeS3(`bad/${sample.fileName}`));

      // Assess
      const expected =
        sample.textractError === 'BadDocumentException' ? BadDocumentException : UnsupportedDocumentException;
      expect(error).toBeInstanceOf(expected);
      expect(error.name).toBe(sample.textractError);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).not.toBe('');
    },
  );

  it('answers a missing S3 object with InvalidS3ObjectException', async () => {
    // Act
    const error = await failureOf(analyzeS3('no/such/key.pdf'));

    // Assess
    expect(error).toBeInstanceOf(InvalidS3ObjectException);
  });

  it('answers a document over 10 MB with DocumentTooLargeException', async () => {
    // Prepare
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(Buffer.from('%PDF-1.7\n'));
    await loop.put('big.pdf', big);

    // Act
    const error = await failureOf(analyzeS3('big.pdf'));

    // Assess
    expect(error).toBeInstanceOf(DocumentTooLargeException);
  });

  it('answers an image it cannot decode with UnsupportedDocumentException that names OCR', async () => {
    // Prepare
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

    // Act
    const error = await failureOf(
      loop.textract.send(new AnalyzeExpenseCommand({ Document: { Bytes: png } })),
    );

    // Assess
    expect(error).toBeInstanceOf(UnsupportedDocumentException);
    expect(error.message).toMatch(/PNG image.*OCR/);
  });

  it('answers empty inline Bytes with InvalidParameterException', async () => {
    // Act
    const error = await failureOf(
      loop.textract.send(new AnalyzeExpenseCommand({ Document: { Bytes: new Uint8Array(0) } })),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    // Act
    const error = await failureOf(
      loop.textract.send(new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array([1]) } })),
    );

    // Assess
    expect(error.name).toBe('UnknownOperationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain('AnalyzeExpense');
  });
});

describe('the endpoint', () => {
  it('listens on 127.0.0.1 only, on an ephemeral port', () => {
    // Assess
    expect(loop.textractServer.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers raw AWS JSON 1.1 errors with __type and message', async () => {
    // Act
    const res = await fetch(loop.textractServer.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Textract.AnalyzeExpense' },
      body: JSON.stringify({ Document: {} }),
    });

    // Assess
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await res.json()).toEqual({ __type: 'InvalidParameterException', message: expect.any(String) });
  });
});
