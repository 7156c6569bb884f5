import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSentMail, startSes } from '../../../local/emulators/ses.ts';

// SES answers SendEmail with a MessageId once it has accepted the message for delivery (SES v2 API
// reference, SendEmail): accepted mail does not vanish when the sender's host dies afterwards.
describe('local SES: sent mail survives a restart of its data directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tower-ses-archive-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const client = (url: string) =>
    new SESv2Client({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  const send = (url: string, subject: string) =>
    client(url).send(
      new SendEmailCommand({
        FromEmailAddress: 'tower@example.com',
        Destination: { ToAddresses: ['ann@example.com'] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: `body of ${subject}` } } } },
      }),
    );

  it('answers a send only once the message is on disk, and lists it after a restart', async () => {
    const first = await startSes(dir);
    const { MessageId } = await send(first.url, 'before the restart');
    await first.close();

    const second = await startSes(dir);
    try {
      await send(second.url, 'after the restart');
      const mail = await readSentMail(second.url);
      expect(mail.map((m) => [m.subject, m.to])).toEqual([
        ['before the restart', ['ann@example.com']],
        ['after the restart', ['ann@example.com']],
      ]);
      expect(mail[0]?.messageId).toBe(MessageId);
      expect(mail[0]?.text).toBe('body of before the restart');
    } finally {
      await second.close();
    }
  });

  it('skips a line a kill cut off, keeping every whole message', async () => {
    const first = await startSes(dir);
    await send(first.url, 'whole');
    await first.close();
    appendFileSync(join(dir, 'sent-mail.jsonl'), '{"messageId":"cut-off","subj');

    const second = await startSes(dir);
    try {
      expect((await readSentMail(second.url)).map((m) => m.subject)).toEqual(['whole']);
    } finally {
      await second.close();
    }
  });

  it('passes a refused send through unchanged and archives nothing', async () => {
    const ses = await startSes(dir);
    try {
      const refused = client(ses.url).send(
        new SendEmailCommand({
          FromEmailAddress: 'tower@example.com',
          Destination: { ToAddresses: ['ann@example.com'] },
          Content: { Simple: { Subject: { Data: 'no body' }, Body: {} } },
        }),
      );
      await expect(refused).rejects.toThrow();
      expect(await readSentMail(ses.url)).toEqual([]);
    } finally {
      await ses.close();
    }
  });
});
