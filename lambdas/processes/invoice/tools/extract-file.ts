import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { TextractClient } from '@aws-sdk/client-textract';
import { startS3 } from '../../../../local/emulators/s3.ts';
import { startTextractServer } from '../../../../local/emulators/textract/server.ts';
import { localClients, localCredentials } from '../../../../local/runtime/clients.ts';
import { classify } from '../../../platform/shared/errors.ts';
import { sha256Hex } from '../../../platform/shared/hash.ts';
import { documentIdOf } from '../../../platform/shared/workflow.ts';
import { jobFailure } from '../complete-extraction/complete.ts';
import type { NormalizedInvoice } from '../domain/invoice.ts';
import { s3DocumentSource, textractExpenseAnalyzer, textractJobStarter } from '../extract/adapters.ts';
import { type JobReader, readExpenseJob, textractPageReader } from '../extract/expense-job.ts';
import { inspectDocument } from '../extract/inspect-document.ts';
import { normaliseExpense } from '../extract/normalise-expense.ts';
import { expenseReader } from '../textract-stand-in/index.ts';

export type ExtractedFile =
  | {
      readonly file: string;
      readonly path: 'sync' | 'async';
      readonly pageCount: number | null;
      readonly invoice: NormalizedInvoice;
    }
  | { readonly file: string; readonly error: { readonly name: string; readonly message: string } };

/**
 * Extracts files the way the extract step does — the same input checks, the same Textract calls
 * (AnalyzeExpense, or an expense job for multipage PDFs), the same normaliser — against the local
 * extractor. For debugging a layout: what would Tower read from this file?
 */
export async function extractFiles(
  files: readonly { name: string; bytes: Uint8Array }[],
): Promise<ExtractedFile[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tower-extract-'));
  const s3 = await startS3(dir);
  const region = 'us-east-1';
  const s3Client: S3Client = localClients(
    { dynamodb: '', s3: s3.url, sqs: '', sns: '', ses: '', sfn: '' },
    region,
  ).s3;
  const server = await startTextractServer({ s3: s3Client, reader: expenseReader });
  const textract = new TextractClient({ region, endpoint: server.endpoint, credentials: localCredentials });
  const source = s3DocumentSource(s3Client);
  const results: ExtractedFile[] = [];
  try {
    await s3Client.send(new CreateBucketCommand({ Bucket: 'extract' }));
    for (const file of files) {
      const key = `files/${basename(file.name)}`;
      await s3Client.send(new PutObjectCommand({ Bucket: 'extract', Key: key, Body: file.bytes }));
      const doc = {
        documentId: documentIdOf('invoice', sha256Hex(file.bytes)),
        process: 'invoice',
        contentSha256: sha256Hex(file.bytes),
        bucket: 'extract',
        key,
        size: file.bytes.length,
        receivedAt: new Date().toISOString(),
      };
      try {
        const input = await inspectDocument(source, doc);
        if (input.path === 'sync') {
          results.push({
            file: file.name,
            path: 'sync',
            pageCount: input.pageCount,
            invoice: normaliseExpense(await textractExpenseAnalyzer(textract)(doc)),
          });
          continue;
        }
        const jobId = await textractJobStarter(textract, {
          topicArn: 'arn:aws:sns:us-east-1:000000000000:none',
          roleArn: 'arn:aws:iam::000000000000:role/none',
        })(doc);
        // The emulator throttles at its own rate; a throttled read is tried again, like a running job.
        const reader: JobReader = { getPage: textractPageReader(textract), takeSlot: async () => true };
        let status = await readExpenseJob(reader, jobId);
        while (status.status === 'IN_PROGRESS' || status.status === 'NO_CAPACITY') {
          await new Promise((r) => setTimeout(r, 100));
          status = await readExpenseJob(reader, jobId);
        }
        if (status.status === 'FAILED') throw jobFailure(status.message);
        results.push({
          file: file.name,
          path: 'async',
          pageCount: input.pageCount,
          invoice: normaliseExpense(status.pages),
        });
      } catch (error) {
        const classified = classify(error);
        results.push({ file: file.name, error: { name: classified.name, message: classified.message } });
      }
    }
  } finally {
    await server.stop();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
