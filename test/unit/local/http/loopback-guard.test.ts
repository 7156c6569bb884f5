import { describe, expect, it } from 'vitest';
import { loopbackRefusal } from '../../../../local/http/loopback-guard.ts';

describe('loopbackRefusal', () => {
  it.each([
    ['127.0.0.1:8080', undefined],
    ['127.0.0.1', undefined],
    ['localhost:3000', undefined],
    ['LOCALHOST.:3000', undefined],
    ['console.localhost:3000', undefined],
    ['[::1]:3000', undefined],
    ['127.8.9.10:80', undefined],
    ['127.0.0.1:8080', 'null'],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['localhost:8080', 'http://localhost:5173'],
  ])('serves Host %s with Origin %s', (host, origin) => {
    expect(loopbackRefusal({ host, ...(origin ? { origin } : {}) })).toBeUndefined();
  });

  it.each([
    // A DNS-rebinding page: its own name, now resolving to 127.0.0.1.
    ['rebind.attacker.example:8080', undefined, 'Host "rebind.attacker.example:8080" is not this machine'],
    ['127.0.0.1.attacker.example', undefined, 'is not this machine'],
    ['localhost.attacker.example', undefined, 'is not this machine'],
    ['10.0.0.5:8080', undefined, 'is not this machine'],
    ['0.0.0.0:8080', undefined, 'is not this machine'],
    ['', undefined, 'Host "" is not this machine'],
    [undefined, undefined, 'Host "" is not this machine'],
    ['127.0.0.1:8080', 'https://attacker.example', 'Origin "https://attacker.example" is not this machine'],
    ['127.0.0.1:8080', 'not a url', 'Origin "not a url" is not this machine'],
  ])('refuses Host %s with Origin %s', (host, origin, why) => {
    expect(
      loopbackRefusal({ ...(host !== undefined ? { host } : {}), ...(origin ? { origin } : {}) }),
    ).toContain(why);
  });
});
