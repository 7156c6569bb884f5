import { randomUUID } from 'node:crypto';
import type { RequiredCall, ServiceName } from './requests.ts';

/** A response as the proxy writes it. */
export interface DenialResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** AWS's wording: `User: <session> is not authorized to perform: <action> on resource: <arn> because …`. */
export function denialMessage(principal: string, call: RequiredCall, reason: string | undefined): string {
  return `User: ${principal} is not authorized to perform: ${call.action} on resource: ${call.resource} ${reason ?? 'because no identity-based policy allows the action'}`;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const json = (
  status: number,
  type: string,
  message: string,
  extra: Record<string, string> = {},
): DenialResponse => ({
  status,
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-errortype': type,
    'x-amzn-requestid': randomUUID(),
    ...extra,
  },
  body: JSON.stringify({ __type: type, message, Message: message }),
});

/**
 * The error each service answers a denied call with, so handlers classify it as they would on AWS:
 * - DynamoDB, and every other JSON service (Step Functions, Textract): 400 AccessDeniedException; a KMS denial is DynamoDB's
 *   AccessDeniedException "KMS key access denied error: …".
 * - S3 (REST XML): 403 AccessDenied, KMS denials included.
 * - SQS (JSON, query-compatible): AccessDenied; a KMS denial is KMS.AccessDeniedException (KmsAccessDenied).
 * - SNS (query XML): 403 AuthorizationError; a KMS denial is KMSAccessDenied.
 * - SES v2 (REST JSON): 403 AccessDeniedException.
 */
export function denialResponse(service: ServiceName, call: RequiredCall, message: string): DenialResponse {
  const requestId = randomUUID();
  const viaKms = call.kind === 'kms';
  switch (service) {
    case 'dynamodb':
      return json(
        400,
        'com.amazon.coral.service#AccessDeniedException',
        viaKms ? `KMS key access denied error: ${message}` : message,
      );
    case 'ses':
      return {
        status: 403,
        headers: {
          'content-type': 'application/json',
          'x-amzn-errortype': 'AccessDeniedException',
          'x-amzn-requestid': requestId,
        },
        body: JSON.stringify({ message }),
      };
    case 's3':
      return {
        status: 403,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${xml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
    case 'sqs':
      return viaKms
        ? json(400, 'com.amazonaws.sqs#KmsAccessDenied', message, {
            'x-amzn-query-error': 'KMS.AccessDeniedException;Sender',
          })
        : json(403, 'com.amazon.coral.service#AccessDeniedException', message, {
            'x-amzn-query-error': 'AccessDenied;Sender',
          });
    case 'sns': {
      const code = viaKms ? 'KMSAccessDenied' : 'AuthorizationError';
      return {
        status: viaKms ? 400 : 403,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    }
    default:
      // The AWS JSON protocol's answer (Step Functions, Textract, and a capability's JSON service).
      return json(400, 'AccessDeniedException', message);
  }
}
