import { PermanentError } from '../shared/errors.ts';
import type { DocumentRef } from '../shared/workflow.ts';

/** What the workflow sends to the extraction queue (sqs:sendMessage.waitForTaskToken). */
export interface ExtractionRequest {
  readonly taskToken: string;
  readonly document: DocumentRef;
  readonly workflowVersion: string;
  readonly executionArn: string;
}

/** Parses a queue message; a malformed one is a wiring fault and never admitted. */
export function parseRequest(body: string): ExtractionRequest {
  let parsed: Partial<ExtractionRequest>;
  try {
    parsed = JSON.parse(body) as Partial<ExtractionRequest>;
  } catch {
    throw new PermanentError('extraction request is not JSON');
  }
  const doc = parsed.document;
  const ok =
    typeof parsed.taskToken === 'string' &&
    typeof doc?.documentId === 'string' &&
    typeof doc.bucket === 'string' &&
    typeof doc.key === 'string' &&
    typeof parsed.executionArn === 'string' &&
    typeof parsed.workflowVersion === 'string';
  if (!ok)
    throw new PermanentError('extraction request lacks taskToken, document, executionArn or workflowVersion');
  return parsed as ExtractionRequest;
}
