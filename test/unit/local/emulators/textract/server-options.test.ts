import { AnalyzeExpenseCommand, InvalidS3ObjectException, TextractClient } from '@aws-sdk/client-textract';
import { afterEach, describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { expenseReader } from '../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import type { S3ObjectRef } from '../../../../../local/emulators/textract/document-source.ts';
import { startTextractServer, type TextractServer } from '../../../../../local/emulators/textract/server.ts';
import { failureOf } from './sdk-failure.ts';

/** The server's options: a fetch function instead of an S3 client, no S3 at all, and a failing fetch. */

const servers: TextractServer[] = [];
const clients: TextractClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function clientFor(options: Parameters<typeof startTextractServer>[0]): Promise<TextractClient> {
  const server = await startTextractServer({ reader: expenseReader, ...options });
  servers.push(server);
  const client = new TextractClient({
    endpoint: server.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

const analyze = (client: TextractClient, Version?: string) =>
  client.send(
    new AnalyzeExpenseCommand({ Document: { S3Object: { Bucket: 'intake', Name: 'a/b.pdf', Version } } }),
  );

describe('startTextractServer options', () => {
  it('reads S3 documents through a fetch function, passing bucket, key and version', async () => {
    // Prepare
    const spec = randomInvoiceSpec(41);
    const bytes = await invoicePdf(spec);
    const asked: S3ObjectRef[] = [];
    const client = await clientFor({
      s3: async (ref) => {
        asked.push(ref);
        return bytes;
      },
    });

    // Act
    const out = await analyze(client, 'v-7');

    // Assess
    expect(asked).toEqual([{ Bucket: 'intake', Name: 'a/b.pdf', Version: 'v-7' }]);
    const id = out.ExpenseDocuments?.[0]?.SummaryFields?.find((f) => f.Type?.Text === 'INVOICE_RECEIPT_ID');
    expect(id?.ValueDetection?.Text).toBe(spec.invoiceNumber);
  });

  it('answers InvalidS3ObjectException when the fetch finds nothing', async () => {
    // Prepare
    const client = await clientFor({ s3: async () => undefined });

    // Act / Assess
    expect(await failureOf(analyze(client))).toBeInstanceOf(InvalidS3ObjectException);
  });

  it('answers InvalidS3ObjectException when started without S3', async () => {
    // Prepare
    const client = await clientFor({});

    // Act / Assess
    expect(await failureOf(analyze(client))).toBeInstanceOf(InvalidS3ObjectException);
  });

  it('answers 500 InternalServerError when reading S3 fails, and reports it', async () => {
    // Prepare
    const reported: unknown[] = [];
    const client = await clientFor({
      s3: async () => {
        throw new Error('connection refused');
      },
      onInternalError: (error) => reported.push(error),
    });

    // Act
    const error = await failureOf(analyze(client));

    // Assess
    expect(error.name).toBe('InternalServerError');
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect(reported).toHaveLength(1);
  });

  it('answers malformed JSON with SerializationException', async () => {
    // Prepare
    const server = await startTextractServer();
    servers.push(server);

    // Act
    const res = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Textract.AnalyzeExpense' },
      body: '{"Document":',
    });

    // Assess
    expect([res.status, ((await res.json()) as { __type?: string }).__type]).toEqual([
      400,
      'SerializationException',
    ]);
  });

  it('stops, after which nothing listens on its port', async () => {
    // Prepare
    const server = await startTextractServer();

    // Act
    await server.stop();

    // Assess
    await expect(fetch(server.endpoint, { method: 'POST' })).rejects.toThrow();
  });
});
