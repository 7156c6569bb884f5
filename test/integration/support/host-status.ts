import { request } from 'node:http';

/** The status a GET of `/` answers with this Host (and Origin) header, as a rebinding page sends it. */
export function statusFor(url: string, host: string, origin?: string): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', headers: { host, ...(origin ? { origin } : {}) } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
