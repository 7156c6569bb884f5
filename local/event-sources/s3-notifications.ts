import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3Notification } from '../emulators/s3.ts';
import type { EventFaults } from '../runtime/faults.ts';

let sequence = 0;

/** S3 URL-encodes keys in notifications, spaces as '+', slashes kept. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}

/** The notification exactly as S3 sends it to SQS for one created object. */
export function s3EventMessage(event: S3Notification, region: string, now = new Date()): string {
  sequence += 1;
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: now.toISOString(),
        eventName: event.eventName,
        userIdentity: { principalId: event.principalId ?? 'AWS:LOCAL' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': `LOCAL${sequence}`, 'x-amz-id-2': `local/${sequence}` },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'tower-intake',
          bucket: {
            name: event.bucket,
            ownerIdentity: { principalId: 'LOCAL' },
            arn: `arn:aws:s3:::${event.bucket}`,
          },
          object: {
            key: encodeEventKey(event.key),
            size: event.size,
            eTag: event.eTag.replace(/"/g, ''),
            sequencer: `${now.getTime().toString(16).toUpperCase()}${sequence.toString(16).toUpperCase().padStart(8, '0')}`,
          },
        },
      },
    ],
  });
}

export interface NotificationRule {
  readonly bucket: string;
  readonly prefixes: readonly string[];
  readonly queueUrl: string;
}

/**
 * Delivers ObjectCreated events for the configured prefixes to the intake queue, as the bucket's
 * notification configuration does on AWS (the local S3 emulators deliver none themselves).
 */
export function notifyQueue(
  sqs: SQSClient,
  rule: NotificationRule,
  region: string,
  faults?: EventFaults,
  /** Whether the queue's policy and key let S3 deliver (IAM evaluation); a denied event is dropped, as S3 drops it. */
  authorized: () => Promise<boolean> = async () => true,
) {
  const send = (event: S3Notification) =>
    sqs.send(new SendMessageCommand({ QueueUrl: rule.queueUrl, MessageBody: s3EventMessage(event, region) }));
  return async (event: S3Notification): Promise<boolean> => {
    if (event.bucket !== rule.bucket || !event.eventName.startsWith('ObjectCreated:')) return false;
    if (!rule.prefixes.some((p) => event.key.startsWith(p))) return false;
    // Injected delivery faults: S3 notifications are at-least-once and unordered.
    const delay = faults?.maxDelayMs ? Math.random() * faults.maxDelayMs : 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!(await authorized())) return false;
    await send(event);
    if (faults && Math.random() < faults.duplicateRate) await send(event);
    return true;
  };
}
