import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { analyzeExpense } from './analyze-expense.ts';
import { documentBytes, type ObjectFetcher, s3ObjectFetcher } from './document-source.ts';
import { TextractServiceError } from './errors.ts';
import type { Recogniser } from './ocr.ts';
import { asServiceError, operationOf, readJsonBody, sendError, sendJson } from './protocol.ts';

/**
 * A Textract-compatible endpoint on loopback for the local runtime: point `AWS_ENDPOINT_URL_TEXTRACT`
 * at `endpoint` and `@aws-sdk/client-textract` calls AnalyzeExpense here, unchanged.
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
  /** @default the OCR placeholder, which refuses images */
  readonly recognise?: Recogniser;
  /** Told of every 500 answered (an extractor bug), e.g. to log it. @default ignored */
  readonly onInternalError?: (error: unknown) => void;
}

export interface TextractServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * @example
 * const textract = await startTextractServer({ s3: new S3Client({ endpoint: s3Url }) });
 * process.env.AWS_ENDPOINT_URL_TEXTRACT = textract.endpoint;
 */
export async function startTextractServer(options: TextractServerOptions = {}): Promise<TextractServer> {
  const fetch = typeof options.s3 === 'function' ? options.s3 : options.s3 && s3ObjectFetcher(options.s3);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    try {
      const operation = operationOf(request);
      if (request.method !== 'POST' || operation !== 'AnalyzeExpense') {
        request.resume();
        throw new TextractServiceError(
          'UnknownOperationException',
          `The local Textract supports AnalyzeExpense only; got ${request.method} ${operation ?? 'without X-Amz-Target'}`,
        );
      }
      const body = await readJsonBody(request);
      const document = typeof body === 'object' && body !== null ? Reflect.get(body, 'Document') : undefined;
      const bytes = await documentBytes(document, fetch);
      sendJson(response, await analyzeExpense(bytes, { recognise: options.recognise }), requestId);
    } catch (error) {
      const serviceError = asServiceError(error);
      if (serviceError.status >= 500) options.onInternalError?.(error);
      sendError(response, serviceError, requestId);
    }
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}
