import type { IncomingMessage, ServerResponse } from 'node:http';
import { TextractServiceError } from './errors.ts';

/**
 * AWS JSON 1.1 as the SDK v3 speaks it: `POST /` with `X-Amz-Target: Textract.<Operation>` and a
 * JSON body; answers are JSON, errors HTTP 4xx/5xx with `{"__type": "<Name>", "message": "…"}`.
 */

export const jsonContentType = 'application/x-amz-json-1.1';
const targetPrefix = 'Textract.';

/** Base64 of a 10 MB document plus the JSON around it; larger bodies are refused unread. */
export const maxBodyBytes = 16 * 1024 * 1024;

/** The operation named by the request, or null when it names none of Textract's. */
export function operationOf(request: IncomingMessage): string | null {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(targetPrefix)) return null;
  return target.slice(targetPrefix.length);
}

/** The body as JSON; reading goes on past the limit (discarding) so the client can read the answer. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxBodyBytes) chunks.push(buffer);
  }
  if (size > maxBodyBytes)
    throw new TextractServiceError(
      'DocumentTooLargeException',
      `The request is ${size} bytes; the document is too large`,
    );
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new TextractServiceError('SerializationException', 'The request body is not valid JSON', {
      cause: error,
    });
  }
}

export function sendJson(response: ServerResponse, body: unknown, requestId: string): void {
  send(response, 200, JSON.stringify(body), requestId);
}

export function sendError(response: ServerResponse, error: TextractServiceError, requestId: string): void {
  send(response, error.status, JSON.stringify({ __type: error.name, message: error.message }), requestId);
}

/** Whatever the extractor threw, as a Textract error: its own errors as they are, the rest as 500. */
export function asServiceError(error: unknown): TextractServiceError {
  if (error instanceof TextractServiceError) return error;
  return new TextractServiceError('InternalServerError', 'Internal server error', { cause: error });
}

function send(response: ServerResponse, status: number, body: string, requestId: string): void {
  response.writeHead(status, {
    'content-type': jsonContentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  response.end(body);
}
