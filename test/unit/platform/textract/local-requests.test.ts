import { describe, expect, it } from 'vitest';
import { textractCalls } from '../../../../lambdas/platform/textract/local-requests.ts';
import type { EndpointRequest, MappingScope } from '../../../../local/iam/requests.ts';

const scope: MappingScope = {
  region: 'us-east-1',
  account: '000000000000',
  encryptionKeyOf: () => undefined,
  sesSandbox: true,
};
const json = (target: string, body: unknown): EndpointRequest => ({
  method: 'POST',
  url: '/',
  headers: { 'x-amz-target': target },
  body: Buffer.from(JSON.stringify(body)),
});

describe('the local Textract request mapping', () => {
  it('Textract: the action on * and iam:PassRole of the notification role', () => {
    const start = json('Textract.StartExpenseAnalysis', {
      NotificationChannel: { RoleArn: 'arn:aws:iam::000000000000:role/r' },
    });
    expect(textractCalls(start)).toEqual([
      { action: 'textract:StartExpenseAnalysis', resource: '*' },
      {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::000000000000:role/r',
        context: { 'iam:PassedToService': 'textract.amazonaws.com' },
      },
    ]);
  });
});
