import { describe, expect, it } from 'vitest';
import { bodyNeeded } from '../../../../local/iam/requests.ts';

describe('which requests the IAM proxy reads the body of', () => {
  it.each([
    ['s3', 'PUT', '/bucket/large/object.pdf', false],
    ['s3', 'GET', '/bucket/large/object.pdf', false],
    ['s3', 'POST', '/bucket/key?uploads', false],
    ['s3', 'PUT', '/bucket/key?partNumber=1&uploadId=u', false],
    ['s3', 'POST', '/bucket?delete', true],
    ['s3', 'POST', '/bucket/?delete=', true],
    ['dynamodb', 'POST', '/', true],
    ['sqs', 'POST', '/', true],
    ['ses', 'POST', '/v2/email/outbound-emails', true],
  ] as const)('%s %s %s: %s', (service, method, url, expected) => {
    expect(bodyNeeded(service, method, url)).toBe(expected);
  });
});
