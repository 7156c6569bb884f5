import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenLoopback } from '../../../local/http/json-server.ts';
import { listenRemembered } from '../../../local/http/remembered-port.ts';

const hello = () =>
  listenLoopback((_req, res) => {
    res.end('hello');
  });

describe('a service that listens where it listened last time on this data directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tower-ports-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const listen = (port: number) =>
    listenLoopback((_req, res) => {
      res.end('approvals');
    }, port);

  it('keeps its address across restarts, so links handed out before still reach it', async () => {
    const first = await listenRemembered(dir, 'approval API', listen);
    const url = first.listening.url;
    await first.listening.close();
    // Outside Linux's ephemeral range, so no outbound connection takes it while the service is down.
    expect(Number(new URL(url).port)).toBeGreaterThanOrEqual(20000);
    expect(Number(new URL(url).port)).toBeLessThan(32768);

    const second = await listenRemembered(dir, 'approval API', listen);
    try {
      expect(second.listening.url).toBe(url);
      expect(second.warning).toBeUndefined();
      expect(await (await fetch(`${url}/a/x/y`)).text()).toBe('approvals');
      expect(JSON.parse(readFileSync(join(dir, 'ports.json'), 'utf8'))).toEqual({
        'approval API': Number(new URL(url).port),
      });
    } finally {
      await second.listening.close();
    }
  });

  it('listens elsewhere and says what broke when another process holds the port', async () => {
    const first = await listenRemembered(dir, 'approval API', listen);
    const port = new URL(first.listening.url).port;
    await first.listening.close();
    const squatter = await listenLoopback((_req, res) => {
      res.end('someone else');
    }, Number(port));
    try {
      const second = await listenRemembered(dir, 'approval API', listen);
      expect(new URL(second.listening.url).port).not.toBe(port);
      expect(second.warning).toMatch(new RegExp(`port ${port} .* in use .*links in sent mail`));
      await second.listening.close();
    } finally {
      await squatter.close();
    }
  });

  it('remembers each service of a data directory on its own', async () => {
    const a = await listenRemembered(dir, 'approval API', listen);
    const b = await listenRemembered(dir, 'console', hello);
    try {
      const ports = JSON.parse(readFileSync(join(dir, 'ports.json'), 'utf8')) as Record<string, number>;
      expect(ports).toEqual({
        'approval API': Number(new URL(a.listening.url).port),
        console: Number(new URL(b.listening.url).port),
      });
    } finally {
      await a.listening.close();
      await b.listening.close();
    }
  });
});
