import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
import type { Listening } from '../http/json-server.ts';

export interface SentEmail {
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text?: string;
  readonly html?: string;
  readonly at: number;
}

// A CommonJS module whose default export arrives wrapped when imported from ESM.
type StartSes = typeof sesModule;
const startSesServer: StartSes =
  typeof sesModule === 'function' ? sesModule : (sesModule as unknown as { default: StartSes }).default;

/** SES v1/v2 on loopback (aws-ses-v2-local); sent mail is readable at `/store`. */
export async function startSes(): Promise<Listening & { sent(): Promise<SentEmail[]> }> {
  const server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    sent: () => readSentMail(url),
  };
}

/** The mail an aws-ses-v2-local at `url` has sent, from its store (kept in memory by that process). */
export async function readSentMail(url: string): Promise<SentEmail[]> {
  const response = await fetch(`${url}/store`);
  const store = (await response.json()) as {
    emails: {
      messageId: string;
      from: string;
      destination: { to: string[] };
      subject: string;
      body: { text?: string; html?: string };
      at: number;
    }[];
  };
  return store.emails.map((e) => ({
    messageId: e.messageId,
    from: e.from,
    to: e.destination.to,
    subject: e.subject,
    text: e.body.text,
    html: e.body.html,
    at: e.at,
  }));
}
