import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import { knownDifference } from './support/known-difference.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// Amazon SES v2 API Reference, SendEmail: answers a MessageId; MessageRejected when the message
// cannot be sent, e.g. "Email address is not verified" for a sender that is no verified identity.
// The mailbox simulator (success@simulator.amazonses.com) accepts mail even in the SES sandbox
// ("Using the mailbox simulator", SES Developer Guide).

const recipient = 'success@simulator.amazonses.com';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openTarget();
});
afterAll(() => target.close());

const send = (from: string) =>
  target.clients().sesv2.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [recipient] },
      Content: {
        Simple: {
          Subject: { Data: 'Tower conformance', Charset: 'UTF-8' },
          Body: { Text: { Data: 'An approval email stand-in.', Charset: 'UTF-8' } },
        },
      },
    }),
  );

describe('SES v2 SendEmail', () => {
  it('sends from a verified identity and answers a MessageId', async () => {
    const sent = await send(target.sesFrom);
    expect(sent.MessageId).toMatch(/\S+/);
  });

  it(
    'refuses a sender that is no verified identity with MessageRejected',
    knownDifference(
      {
        id: 'ses-unverified-sender',
        reason: 'aws-ses-v2-local sends from any address; it keeps no identities to verify',
      },
      async () => {
        expect(
          await send(`unverified-${target.context.runId}@example.invalid`).then(() => 'sent', errorName),
        ).toBe('MessageRejected');
      },
    ),
  );
});
