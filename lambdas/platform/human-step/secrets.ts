import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A 256-bit random link secret, URL-safe. */
export function newLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Deterministic per execution, human step and item, so a retried or later phase finds the same task and
 * one execution can hold several.
 */
export function approvalIdFor(executionArn: string, step: string, itemKey?: string): string {
  const key = `approval:${executionArn}|${step}|${itemKey ?? ''}`;
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/** Compares a presented secret against stored hashes in constant time per comparison. */
export function secretMatches(secret: string, hashes: readonly string[]): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  let matched = false;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) matched = true;
  }
  return matched;
}

/** A six-digit one-time code for step-up confirmation. */
export function newOneTimeCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * Nonce = render time, step and MAC; the MAC binds it to this approval, approver, page and step, and
 * a confirmation's to the choice it confirms (the nonce of "Confirm: reject?" cannot approve).
 */
export function signNonce(
  pageKey: string,
  approvalId: string,
  approverId: string,
  renderedAt: number,
  step: string,
  choice = '',
): string {
  const mac = createHmac('sha256', pageKey)
    .update(`${approvalId}|${approverId}|${renderedAt}|${step}|${choice}`)
    .digest('base64url');
  return `${renderedAt}.${step}.${mac}`;
}

/** The nonce's render time when it is authentic for this approval, approver, step and choice; else undefined. */
export function verifyNonce(
  pageKey: string,
  approvalId: string,
  approverId: string,
  nonce: string,
  step: string,
  choice = '',
): number | undefined {
  const [renderedAtText, nonceStep] = nonce.split('.');
  const renderedAt = Number(renderedAtText);
  if (!Number.isSafeInteger(renderedAt) || nonceStep !== step) return undefined;
  const expected = Buffer.from(signNonce(pageKey, approvalId, approverId, renderedAt, step, choice));
  const presented = Buffer.from(nonce);
  return expected.length === presented.length && timingSafeEqual(expected, presented)
    ? renderedAt
    : undefined;
}
