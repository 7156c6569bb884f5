import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import type { Listening } from '../http/json-server.ts';
import { guardServer } from '../http/loopback-guard.ts';

/** DynamoDB on loopback (dynalite); with a directory its data survives restarts. */
export async function startDynamoDb(directory?: string): Promise<Listening> {
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  guardServer(server);
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // SDK clients keep connections alive; close() alone would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
