import { describe, expect, it } from 'vitest';
import {
  approvalIdFor,
  hashSecret,
  newLinkSecret,
  newOneTimeCode,
  secretMatches,
  signNonce,
  verifyNonce,
} from '../../../../lambdas/platform/human-step/secrets.ts';

const pageKey = 'page-key-1';
const renderedAt = 1_740_819_600_000;
/** The nonce with its last MAC character changed. */
const tamper = (nonce: string) => `${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}`;

describe('signNonce / verifyNonce', () => {
  const nonce = signNonce(pageKey, 'approval-1', 'a1', renderedAt, 'choose');

  it('gives back the render time of an authentic nonce', () => {
    expect(verifyNonce(pageKey, 'approval-1', 'a1', nonce, 'choose')).toBe(renderedAt);
  });

  it.each([
    ['another approver', pageKey, 'approval-1', 'a2', nonce, 'choose'],
    ['another approval', pageKey, 'approval-2', 'a1', nonce, 'choose'],
    ['another step', pageKey, 'approval-1', 'a1', nonce, 'confirm'],
    ['another page key', 'page-key-2', 'approval-1', 'a1', nonce, 'choose'],
    ['a tampered MAC', pageKey, 'approval-1', 'a1', tamper(nonce), 'choose'],
    [
      'a moved render time',
      pageKey,
      'approval-1',
      'a1',
      nonce.replace(String(renderedAt), String(renderedAt + 1)),
      'choose',
    ],
    ['a relabelled step', pageKey, 'approval-1', 'a1', nonce.replace('.choose.', '.confirm.'), 'confirm'],
    ['garbage', pageKey, 'approval-1', 'a1', 'not-a-nonce', 'choose'],
    ['an empty nonce', pageKey, 'approval-1', 'a1', '', 'choose'],
    ['a non-numeric time', pageKey, 'approval-1', 'a1', `abc.choose.${nonce.split('.')[2]}`, 'choose'],
  ])('refuses %s', (_name, key, approvalId, approverId, presented, step) => {
    expect(verifyNonce(key, approvalId, approverId, presented, step)).toBeUndefined();
  });
});

describe('link secrets', () => {
  it('are 256-bit, URL-safe and fresh each time', () => {
    // Act
    const secrets = Array.from({ length: 20 }, newLinkSecret);

    // Assess
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('are stored as their SHA-256 only', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['the only hash', ['s1'], true],
    ['one of several hashes (a reminder added one)', ['s0', 's1', 's2'], true],
    ['no stored hash', [], false],
    ['other secrets only', ['s0', 's2'], false],
  ])('matches against %s', (_name, stored, expected) => {
    expect(secretMatches('s1', stored.map(hashSecret))).toBe(expected);
  });

  it('ignores stored values that are not SHA-256 hashes', () => {
    expect(secretMatches('s1', ['', 'abcd', hashSecret('s1').slice(0, 32)])).toBe(false);
  });

  it('does not match the hash itself presented as a secret', () => {
    expect(secretMatches(hashSecret('s1'), [hashSecret('s1')])).toBe(false);
  });
});

describe('approvalIdFor', () => {
  const arn = 'arn:aws:states:eu-west-1:123456789012:execution:tower-invoice:invoice-abc';

  it('is the same for the same execution and step, so every phase finds the same task', () => {
    expect(approvalIdFor(arn, 'approval')).toBe(approvalIdFor(arn, 'approval'));
  });

  it('differs between executions, steps and items, and fits an approval link', () => {
    const ids = [
      approvalIdFor(arn, 'approval'),
      approvalIdFor(`${arn}2`, 'approval'),
      approvalIdFor(arn, 'review'),
      approvalIdFor(arn, 'review', 'batch-1'),
      approvalIdFor(arn, 'review', 'batch-2'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('newOneTimeCode', () => {
  it('is six digits', () => {
    for (let i = 0; i < 50; i++) expect(newOneTimeCode()).toMatch(/^\d{6}$/);
  });
});
