import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../lambdas/platform/shared/hash.ts';
import {
  bankAccountHash,
  isAccountLabel,
  normaliseAccountNumber,
} from '../../../../../lambdas/processes/invoice/extract/bank-account.ts';

describe('isAccountLabel', () => {
  it.each([
    ['IBAN:', true],
    ['Bank account', true],
    ['Bank Acct No.', true],
    ['Account No', true],
    ['Account number', true],
    ['Kontonummer', true],
    ['Konto-Nr.', true],
    ['RIB', true],
    ['Numéro de compte', true],
    ['ACCOUNT #', false],
    ['Customer account', false],
    ['TRIBUTE', false],
  ])('%j is an account label: %s', (label, expected) => {
    // Act
    const result = isAccountLabel(label);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('normaliseAccountNumber', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['IBAN: fr76-3000-6000-0112-3456-7890-189', 'FR7630006000011234567890189'],
    ['12-345-678', '12345678'],
    ['30002 00550 0000157845Z 02', '30002005500000157845Z02'],
  ])('compacts %j to %s', (value, expected) => {
    // Act
    const result = normaliseAccountNumber(value);

    // Assess
    expect(result).toBe(expected);
  });

  it.each(['**** VISA 3433', 'xxxx xxxx 1234', '12345', 'see attached', ''])('refuses %j', (value) => {
    // Act
    const result = normaliseAccountNumber(value);

    // Assess
    expect(result).toBeNull();
  });
});

describe('bankAccountHash', () => {
  it('hashes the best-read usable account, ignoring other labels', () => {
    // Prepare
    const fields = [
      { label: 'Phone', value: '0123456789', confidence: 100 },
      { label: 'Account No', value: '11112222', confidence: 80 },
      { label: 'IBAN', value: 'GB29 NWBK 6016 1331 9268 19', confidence: 95 },
      { label: null, value: 'GB00 0000 0000 0000 0000 00', confidence: 100 },
    ];

    // Act
    const hash = bankAccountHash(fields);

    // Assess
    expect(hash).toBe(sha256Hex('GB29NWBK60161331926819'));
  });

  it('is null without a labelled account', () => {
    // Act
    const hash = bankAccountHash([{ label: 'REF #', value: '1498308145', confidence: 99 }]);

    // Assess
    expect(hash).toBeNull();
  });
});
