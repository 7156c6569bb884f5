import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
import type { Listening } from '../http/json-server.ts';
import { guardServer } from '../http/loopback-guard.ts';
import { startSesArchive } from './ses-archive.ts';

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

/**
 * SES v1/v2 on loopback (aws-ses-v2-local); with `archiveDir`, behind the mailbox on disk, so sent mail
 * survives a restart. Sent mail is readable at `/store`.
 */
export async function startSes(archiveDir?: string): Promise<Listening & { sent(): Promise<SentEmail[]> }> {
  const server = await startSesServer({ host: '127.0.0.1', port: 0 });
  // Its web page at / lists every sent message, approval links included.
  guardServer(server);
  const { port } = server.address() as AddressInfo;
  const upstream = `http://127.0.0.1:${port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  if (!archiveDir) return { server, url: upstream, close: closeServer, sent: () => readSentMail(upstream) };
  const archive = await startSesArchive(upstream, archiveDir);
  return {
    server: archive.server,
    url: archive.url,
    close: async () => {
      await archive.close();
      await closeServer();
    },
    sent: () => readSentMail(archive.url),
  };
}

/** The mail the local SES at `url` has sent, from its `/store`. */
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
