import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { guardServer } from '../../http/loopback-guard.ts';
import { analyzeExpense } from './analyze-expense.ts';
import { documentBytes, type ObjectFetcher, s3ObjectFetcher } from './document-source.ts';
import { TextractServiceError } from './errors.ts';
import { ExpenseJobs, type JobNotice, type JobOptions } from './expense-jobs.ts';
import type { ExpenseReader } from './expense-reader.ts';
import { createOcrRecogniser } from './ocr/recogniser.ts';
import type { Recogniser } from './ocr.ts';
import { asServiceError, operationOf, readJsonBody, sendError, sendJson } from './protocol.ts';
import { OperationRates } from './rate-limit.ts';

/**
 * A Textract-compatible endpoint on loopback for the local runtime: point `AWS_ENDPOINT_URL_TEXTRACT`
 * at `endpoint` and `@aws-sdk/client-textract` calls AnalyzeExpense, StartExpenseAnalysis and
 * GetExpenseAnalysis here, unchanged.
 */

export interface TextractServerOptions {
  /**
   * How `Document.S3Object` is read: an S3 client (for the local S3 emulator) or a function
   * returning an object's bytes (undefined when it does not exist).
   * @default none: S3 documents are answered with InvalidS3ObjectException
   */
  readonly s3?: S3Client | ObjectFetcher;
  /** @default 0, an ephemeral port */
  readonly port?: number;
  /**
   * How images and scanned PDF pages are read.
   * @default tesseract.js OCR (ocr/recogniser.ts): one worker, started on the first scan, ended by `stop`
   */
  readonly recognise?: Recogniser;
  /**
   * What AnalyzeExpense finds on a page (a process's stand-in), and the words the OCR rejoins.
   * @default none: answers carry the page's LINEs and WORDs and no fields
   */
  readonly reader?: ExpenseReader;
  /** Told of every 500 answered (an extractor bug), e.g. to log it. @default ignored */
  readonly onInternalError?: (error: unknown) => void;
  /** Calls per second per operation (`AnalyzeExpense`, `StartExpenseAnalysis`…); above it, throttling errors. @default unlimited */
  readonly rates?: Readonly<Record<string, number>>;
  /** Publishes a job's completion to its SNS topic (the local SNS). @default jobs notify nobody */
  readonly publish?: (topicArn: string, message: JobNotice) => Promise<void>;
  /** Async job behaviour: concurrency limit, added delay, dropped notifications. */
  readonly jobs?: Omit<JobOptions, 'recognise' | 'reader'>;
}

export interface TextractServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Calls refused for exceeding the configured rate, per operation. */
  readonly throttled: ReadonlyMap<string, number>;
  /** Successful calls per operation. */
  readonly calls: ReadonlyMap<string, number>;
  /** When each operation was first and last answered successfully (epoch ms), for measured rates. */
  readonly callWindow: ReadonlyMap<string, { readonly first: number; readonly last: number }>;
  stop(): Promise<void>;
}

/**
 * @example
 * const textract = await startTextractServer({ s3: new S3Client({ endpoint: s3Url }) });
 * process.env.AWS_ENDPOINT_URL_TEXTRACT = textract.endpoint;
 */
export async function startTextractServer(options: TextractServerOptions = {}): Promise<TextractServer> {
  const fetch = typeof options.s3 === 'function' ? options.s3 : options.s3 && s3ObjectFetcher(options.s3);
  const { reader } = options;
  const ocr =
    options.recognise === undefined
      ? createOcrRecogniser({ knows: reader && ((text) => reader.knows(text)) })
      : undefined;
  const recognise = options.recognise ?? ocr?.recognise;
  const rates = new OperationRates(options.rates);
  const calls = new Map<string, number>();
  const callWindow = new Map<string, { first: number; last: number }>();
  const jobs = new ExpenseJobs(
    { ...options.jobs, recognise, reader },
    options.publish ?? (async () => undefined),
  );
  const operations: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    AnalyzeExpense: async (body) =>
      analyzeExpense(await documentBytes(body.Document, fetch), { recognise, reader }),
    StartExpenseAnalysis: async (body) => {
      const location = (body.DocumentLocation ?? {}) as { S3Object?: { Bucket?: string; Name?: string } };
      const bytes = await documentBytes({ S3Object: location.S3Object }, fetch);
      const channel = body.NotificationChannel as { SNSTopicArn?: string } | undefined;
      const jobId = jobs.start({
        bytes,
        location: { bucket: String(location.S3Object?.Bucket), name: String(location.S3Object?.Name) },
        clientRequestToken: typeof body.ClientRequestToken === 'string' ? body.ClientRequestToken : undefined,
        jobTag: typeof body.JobTag === 'string' ? body.JobTag : undefined,
        topicArn: channel?.SNSTopicArn,
      });
      return { JobId: jobId };
    },
    GetExpenseAnalysis: async (body) =>
      jobs.get(
        String(body.JobId ?? ''),
        typeof body.MaxResults === 'number' ? body.MaxResults : 20,
        typeof body.NextToken === 'string' ? body.NextToken : undefined,
      ),
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    try {
      const operation = operationOf(request);
      const run = request.method === 'POST' && operation ? operations[operation] : undefined;
      if (!run || !operation) {
        request.resume();
        throw new TextractServiceError(
          'UnknownOperationException',
          `The local Textract supports ${Object.keys(operations).join(', ')}; got ${request.method} ${operation ?? 'without X-Amz-Target'}`,
        );
      }
      const body = await readJsonBody(request);
      rates.admit(operation);
      const answer = await run(
        typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
      );
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      const now = Date.now();
      callWindow.set(operation, { first: callWindow.get(operation)?.first ?? now, last: now });
      sendJson(response, answer, requestId);
    } catch (error) {
      const serviceError = asServiceError(error);
      if (serviceError.status >= 500) options.onInternalError?.(error);
      sendError(response, serviceError, requestId);
    }
  };
  const server = createServer((request, response) => void handle(request, response));
  guardServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    throttled: rates.throttled,
    calls,
    callWindow,
    stop: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; close() alone would wait for them.
        server.closeAllConnections();
      });
      await ocr?.close();
    },
  };
}
