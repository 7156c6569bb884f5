import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { envVars } from '../registry/names.ts';
import { requiredEnv } from '../shared/env.ts';
import { ses } from './client.ts';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export type SendEmail = (email: Email) => Promise<void>;

/** Sends through SES v2 from the configured sender, with plain-text and HTML parts. */
export function sesMailer(client: SESv2Client = ses, from: string = requiredEnv(envVars.sender)): SendEmail {
  return async (email) => {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [email.to] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              Html: { Data: email.html, Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
  };
}
