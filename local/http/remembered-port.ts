import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Listening } from './json-server.ts';

const fileName = 'ports.json';
/** Below Linux's ephemeral range (32768–60999 by default), so no outbound connection takes the port while the runtime is down. */
const stableRange = { from: 20000, to: 32767 } as const;
const firstTries = 20;

/** A free port outside the ephemeral range, tried at random; an ephemeral one when none of the tries is free. */
async function listenOnStablePort(listen: (port: number) => Promise<Listening>): Promise<Listening> {
  for (let attempt = 0; attempt < firstTries; attempt++) {
    const port = stableRange.from + Math.floor(Math.random() * (stableRange.to - stableRange.from + 1));
    try {
      return await listen(port);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
  }
  return listen(0);
}

function remembered(dataDir: string): Record<string, number> {
  const path = join(dataDir, fileName);
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * Listens where this data directory's service listened last time (`ports.json`), or the first time on a
 * free port outside the ephemeral range (one an outbound connection could take while the runtime is down): addresses handed out (approval links in mail) stay valid across restarts, as a
 * deployed URL does. When the port is taken by something else, listens elsewhere and says what broke.
 */
export async function listenRemembered(
  dataDir: string,
  service: string,
  listen: (port: number) => Promise<Listening>,
): Promise<{ readonly listening: Listening; readonly warning?: string }> {
  const ports = remembered(dataDir);
  const before = ports[service];
  let listening: Listening | undefined;
  let warning: string | undefined;
  if (before !== undefined) {
    try {
      listening = await listen(before);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      warning = `port ${before} of the ${service} (from ${join(dataDir, fileName)}) is in use by another process: it listens on a new port, and addresses it handed out before (links in sent mail) no longer reach it`;
    }
  }
  listening ??= await listenOnStablePort(listen);
  const port = Number(new URL(listening.url).port);
  if (port !== before)
    writeFileSync(join(dataDir, fileName), `${JSON.stringify({ ...ports, [service]: port })}\n`);
  return warning ? { listening, warning } : { listening };
}
