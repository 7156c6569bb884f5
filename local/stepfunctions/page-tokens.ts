import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ServiceError } from './errors.ts';

// "Each pagination token expires after 24 hours. Using an expired pagination token will return an
// HTTP 400 InvalidToken error." (ListExecutions, GetExecutionHistory: AWS Step Functions API Reference)
const lifetimeMs = 24 * 60 * 60 * 1000;

interface TokenBody {
  /** What the token pages through (the action and its arguments), so it is refused elsewhere. */
  readonly scope: string;
  readonly offset: number;
  readonly issuedAt: number;
}

/**
 * Opaque `nextToken`s: the next offset, signed, so a token this server did not issue (or issued for
 * another listing) answers InvalidToken, as on AWS, instead of restarting the listing.
 */
export class PageTokens {
  private readonly key = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  issue(scope: string, offset: number): string {
    const body = Buffer.from(JSON.stringify({ scope, offset, issuedAt: this.now() } satisfies TokenBody));
    return `${body.toString('base64url')}.${this.sign(body).toString('base64url')}`;
  }

  /** The offset a token points at; InvalidToken for anything else. */
  offset(token: unknown, scope: string): number {
    if (token === undefined || token === null) return 0;
    const [bodyText = '', signature = ''] = String(token).split('.');
    const body = Buffer.from(bodyText, 'base64url');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ServiceError('InvalidToken', `Invalid Token: '${String(token).slice(0, 60)}'`);
    const parsed = JSON.parse(body.toString('utf8')) as TokenBody;
    if (parsed.scope !== scope)
      throw new ServiceError('InvalidToken', 'Invalid Token: issued for another request');
    if (this.now() - parsed.issuedAt > lifetimeMs)
      throw new ServiceError('InvalidToken', 'Invalid Token: expired');
    return parsed.offset;
  }

  private sign(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 24);
  }
}
