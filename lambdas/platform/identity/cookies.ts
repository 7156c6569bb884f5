/** The session cookie's name; one per approval API origin. */
export const sessionCookieName = 'tower_session';

/** The cookies of a request's Cookie header; a malformed pair is skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const raw of (header ?? '').split(';')) {
    const part = raw.trim();
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!(name in cookies)) cookies[name] = part.slice(at + 1).trim();
  }
  return cookies;
}

/**
 * The Set-Cookie value of a session: HttpOnly (no script reads it), Secure (Chromium also stores it from
 * http://localhost, a potentially trustworthy origin), SameSite=Strict (no cross-site request carries it).
 */
export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${sessionCookieName}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;
}

/** The Set-Cookie value that ends a session in the browser. */
export const clearedSessionCookie = sessionCookie('', 0);
