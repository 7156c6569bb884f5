import { createdObjects } from '../../lambdas/platform/intake/start-execution/s3-events.ts';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';

/**
 * What a dead-lettered message is about, read from its body without showing the body (extraction
 * requests carry task tokens): the S3 objects of an intake event, the document of an extraction request,
 * the Textract job of a completion.
 */
export interface MessageSubject {
  /** `s3://bucket/key` of each object an intake event announces. */
  readonly keys?: readonly string[];
  readonly documentId?: string;
  readonly executionArn?: string;
  readonly jobId?: string;
  /** Why the body could not be read. */
  readonly problem?: string;
}

export function subjectOf(queue: QueueId, body: string): MessageSubject {
  if (queue === 'intake') {
    try {
      return { keys: createdObjects(body).map((o) => `s3://${o.bucket}/${o.key}`) };
    } catch (error) {
      return { problem: error instanceof Error ? error.message : String(error) };
    }
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { problem: 'message body is not JSON' };
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (queue === 'extraction') {
    const document = parsed.document as { documentId?: unknown } | undefined;
    return { documentId: text(document?.documentId), executionArn: text(parsed.executionArn) };
  }
  // Textract tags each expense job with the document id (lambdas/processes/invoice/extract/adapters.ts).
  return { jobId: text(parsed.JobId), documentId: text(parsed.JobTag) };
}

/** Where an action on this message is audited: its document's trail, else the queue's own. */
export function auditPartitionOf(queue: QueueId, subject: MessageSubject): string {
  return subject.documentId ?? `queue#${queue}`;
}
