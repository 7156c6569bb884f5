import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import { guardServer } from '../http/loopback-guard.ts';
import { bucketsDirName } from './s3-keys.ts';
import { removeIncompleteObjects } from './s3-repair.ts';
import { VerbatimKeyStore } from './s3-store.ts';

export interface S3Notification {
  readonly eventName: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
  readonly principalId?: string;
}

export interface LocalS3 {
  readonly url: string;
  /** Called for every object created or removed, since s3rver delivers no bucket notifications itself. */
  onEvent(listener: (event: S3Notification) => void): void;
  /** Objects a hard stop left half-written, removed before start (their uploads never succeeded): `bucket/key`. */
  readonly incompleteRemoved: readonly string[];
  close(): Promise<void>;
}

interface S3rverEvent {
  Records?: {
    eventName?: string;
    userIdentity?: { principalId?: string };
    s3?: { bucket?: { name?: string }; object?: { key?: string; size?: number; eTag?: string } };
  }[];
}

/**
 * S3 on loopback (s3rver), objects kept under `directory` with their keys stored verbatim (see
 * s3-keys.ts): nothing a key says is ever a path, so nothing is written outside `directory`.
 */
export async function startS3(directory: string): Promise<LocalS3> {
  const bucketsDir = join(directory, bucketsDirName);
  mkdirSync(bucketsDir, { recursive: true });
  const incompleteRemoved = removeIncompleteObjects(bucketsDir);
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory: bucketsDir,
    silent: true,
    resetOnClose: false,
    allowMismatchedSignatures: true,
  });
  const store = new VerbatimKeyStore(bucketsDir);
  server.store = store;
  server.context.store = store;
  const { port } = await server.run();
  if (server.httpServer) guardServer(server.httpServer);
  const listeners: ((event: S3Notification) => void)[] = [];
  server.on('event', (event: S3rverEvent) => {
    for (const record of event.Records ?? []) {
      const bucket = record.s3?.bucket?.name;
      const key = record.s3?.object?.key;
      if (!bucket || !key || !record.eventName) continue;
      const notification: S3Notification = {
        eventName: record.eventName,
        bucket,
        key,
        size: record.s3?.object?.size ?? 0,
        eTag: record.s3?.object?.eTag ?? '',
        principalId: record.userIdentity?.principalId,
      };
      for (const listener of listeners) listener(notification);
    }
  });
  return {
    url: `http://127.0.0.1:${port}`,
    onEvent: (listener) => listeners.push(listener),
    incompleteRemoved,
    close: async () => {
      // A stop cuts transfers still running (a kill would too); close() alone waits for them.
      server.httpServer?.closeAllConnections();
      // The cut requests log their end first: s3rver's logger is gone once the server closes.
      await new Promise((resolve) => setImmediate(resolve));
      await server.close();
    },
  };
}
