import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { S3Notification } from '../emulators/s3.ts';

export interface ReconcileInput {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly prefixes: readonly string[];
  readonly documents: readonly DocumentRecord[];
  /** Whether a document's execution is running (or was resumed) in this runtime. */
  readonly executionRunning: (document: DocumentRecord) => boolean;
  readonly announce: (event: S3Notification) => Promise<unknown>;
}

/**
 * After a hard stop the local queues (in memory) are empty: S3 events not yet consumed are gone.
 * Objects no document came from, and documents that never got a running execution, are announced
 * again; the starter's deduplication makes a repeat harmless. On AWS the queue is durable and this
 * is not needed.
 */
export async function reconcileIntake(input: ReconcileInput): Promise<number> {
  const byKey = new Map(input.documents.map((d) => [d.key, d]));
  let announced = 0;
  for (const prefix of input.prefixes) {
    let token: string | undefined;
    do {
      const page = await input.s3.send(
        new ListObjectsV2Command({ Bucket: input.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        const document = byKey.get(object.Key);
        const stalled =
          document &&
          (document.status === 'RECEIVED' || document.status === 'QUEUED') &&
          !input.executionRunning(document);
        if (document && !stalled) continue;
        await input.announce({
          eventName: 'ObjectCreated:Put',
          bucket: input.bucket,
          key: object.Key,
          size: object.Size ?? 0,
          eTag: object.ETag ?? '',
        });
        announced += 1;
      }
      token = page.NextContinuationToken;
    } while (token);
  }
  return announced;
}
