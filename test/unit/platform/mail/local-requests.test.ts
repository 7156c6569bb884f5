import { describe, expect, it } from 'vitest';
import { sesCalls } from '../../../../lambdas/platform/mail/local-requests.ts';
import type { EndpointRequest, MappingScope } from '../../../../local/iam/requests.ts';

const scope: MappingScope = {
  region: 'us-east-1',
  account: '000000000000',
  encryptionKeyOf: () => undefined,
  sesSandbox: true,
};
const rest = (
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body = '',
): EndpointRequest => ({
  method,
  url,
  headers,
  body: Buffer.from(body),
});

describe('the local SES request mapping', () => {
  it('SES: the sender identity, and in the sandbox every recipient, each as address or domain', () => {
    const send = rest(
      'POST',
      '/v2/email/outbound-emails',
      {},
      JSON.stringify({
        FromEmailAddress: 'Tower <tower@example.com>',
        Destination: { ToAddresses: ['a@corp.test'] },
      }),
    );
    const identity = (name: string) => `arn:aws:ses:us-east-1:000000000000:identity/${name}`;
    expect(sesCalls(send, scope).map((c) => c.anyOf)).toEqual([
      [identity('tower@example.com'), identity('example.com')],
      [identity('a@corp.test'), identity('corp.test')],
    ]);
    expect(sesCalls(send, { ...scope, sesSandbox: false })).toHaveLength(1);
  });
});
