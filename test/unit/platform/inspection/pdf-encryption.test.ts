import { type PDFDocument, PDFHexString, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../../../lambdas/platform/inspection/input-checks.ts';
import { readEncryption } from '../../../../lambdas/platform/inspection/pdf-encryption.ts';
import { inspectPdf } from '../../../../lambdas/platform/inspection/pdf-inspect.ts';
import { InputRejectedError } from '../../../../lambdas/platform/shared/errors.ts';
import { fixtureBytes } from './support/encrypted-fixtures.ts';
import {
  editEncryptDict,
  hexToLiteral,
  inlineEncryptDict,
  lengthByReference,
  withEncrypt,
} from './support/encryption-variants.ts';
import { pdfjsOpen } from './support/pdfjs-open.ts';
import { thrownBy } from './support/thrown.ts';

const hex = (byte: string, length: number) => PDFHexString.of(byte.repeat(length));
/** pdf-lib's dictionary literal (its type is not exported). */
type Entries = NonNullable<Parameters<PDFDocument['context']['flateStream']>[1]>;
const standard = (doc: PDFDocument, entries: Entries) =>
  doc.context.register(
    doc.context.obj({ Filter: 'Standard', O: hex('5a', 32), U: hex('a5', 32), P: -4, ...entries }),
  );
const encryptionOf = (bytes: Uint8Array) => inspectPdf(bytes).encryption;

function refusalOf(bytes: Uint8Array): InputRejectedError {
  const error = thrownBy(() => checkInput({ size: bytes.length, bytes }));
  if (error instanceof InputRejectedError) return error;
  throw error;
}

describe('how other writers put the same encryption dictionary', () => {
  it.each([
    ['inline in the trailer', 'r4-aes-128.open.pdf', inlineEncryptDict],
    [
      'with /O and /U as escaped literal strings',
      'r3-rc4-128.open.pdf',
      (b: Buffer) => editEncryptDict(b, (d) => hexToLiteral(d, ['O', 'U'])),
    ],
    [
      'with /P unsigned (-3392 as 4294963904)',
      'r3-rc4-128.open.pdf',
      (b: Buffer) => editEncryptDict(b, (d) => d.replace('/P -3392', '/P 4294963904')),
    ],
    ['with /Length given by reference', 'r3-rc4-128.open.pdf', (b: Buffer) => lengthByReference(b, 128)],
  ])('opens one %s', async (_name, file, rewrite) => {
    // Prepare
    const original = fixtureBytes(file);
    const bytes = rewrite(original);

    // Act
    const encryption = encryptionOf(bytes);

    // Assess
    expect(bytes.equals(original)).toBe(false);
    expect(encryption.kind).toBe('permissions-only');
    expect(await pdfjsOpen(bytes)).toMatchObject({ outcome: 'opens', encryptFilter: 'Standard' });
  });
});

describe('encryption that cannot be checked is refused, with its reason', () => {
  it('a public-key handler: opens only with a certificate (pdf.js refuses it too)', async () => {
    // Prepare
    const bytes = await withEncrypt((doc) =>
      doc.context.register(
        doc.context.obj({
          Filter: 'Adobe.PubSec',
          SubFilter: 'adbe.pkcs7.s5',
          V: 4,
          R: 4,
          Recipients: [hex('30', 64)],
          CF: { DefaultCryptFilter: { CFM: 'AESV2', Length: 16, AuthEvent: 'DocOpen' } },
          StmF: 'DefaultCryptFilter',
          StrF: 'DefaultCryptFilter',
        }),
      ),
    );

    // Act
    const refusal = refusalOf(bytes);

    // Assess
    expect(refusal.reason).toBe('encrypted');
    expect(refusal.message).toBe(
      "[encrypted] The PDF is encrypted and cannot be checked: it is addressed to named recipients (public-key security handler /Adobe.PubSec) and opens only with a recipient's certificate; ask the sender for an unprotected copy",
    );
    expect(await pdfjsOpen(bytes)).toMatchObject({ outcome: 'refuses' });
  });

  it.each<[string, (doc: PDFDocument) => PDFRef, string]>([
    [
      'another handler',
      (doc) => standard(doc, { Filter: 'FOPN_foweb', V: 2, R: 3 }),
      'security handler /FOPN_foweb',
    ],
    [
      'no /Filter',
      (doc) => doc.context.register(doc.context.obj({ V: 2, R: 3 })),
      'names no security handler (/Filter)',
    ],
    [
      'no /U',
      (doc) =>
        doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, O: hex('5a', 32), P: -4 })),
      'no 32-byte /O and /U',
    ],
    ['a short /U for AES-256', (doc) => standard(doc, { V: 5, R: 6 }), 'no 48-byte /O and /U'],
    [
      'no /UE for AES-256',
      (doc) => standard(doc, { V: 5, R: 6, O: hex('5a', 48), U: hex('a5', 48) }),
      'no 32-byte /UE',
    ],
    ['revision 7', (doc) => standard(doc, { V: 5, R: 7 }), 'revision /R 7 is not one ISO 32000 defines'],
    [
      'algorithm 3 (unpublished)',
      (doc) => standard(doc, { V: 3, R: 3 }),
      'algorithm /V 3 is not 1, 2, 4 or 5',
    ],
    [
      'AES-256 under revision 4',
      (doc) => standard(doc, { V: 5, R: 4 }),
      'algorithm /V 5 does not go with revision /R 4',
    ],
    [
      'no /P',
      (doc) =>
        doc.context.register(
          doc.context.obj({ Filter: 'Standard', V: 2, R: 3, O: hex('5a', 32), U: hex('a5', 32) }),
        ),
      'has no permissions (/P)',
    ],
    ['a 44-bit key', (doc) => standard(doc, { V: 2, R: 3, Length: 44 }), 'key length /Length 44'],
    [
      'an unknown crypt filter method',
      (doc) => standard(doc, { V: 4, R: 4, CF: { StdCF: { CFM: 'ChaCha' } }, StmF: 'StdCF' }),
      'crypt filter method /ChaCha',
    ],
  ])('%s', async (_name, encrypt, reason) => {
    // Prepare
    const bytes = await withEncrypt(encrypt);

    // Act
    const encryption = encryptionOf(bytes);

    // Assess
    expect(encryption).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining(reason) });
    expect(refusalOf(bytes).message).toMatch(
      /^\[encrypted\] The PDF is encrypted and cannot be checked: .*; ask the sender/,
    );
    expect((await pdfjsOpen(bytes)).outcome).not.toBe('opens');
  });

  it.each<[string, (doc: PDFDocument) => PDFRef, string]>([
    ['naming no object', () => PDFRef.of(999), '/Encrypt 999 0 R names no readable dictionary'],
    [
      'naming an array',
      (doc) => doc.context.register(doc.context.obj([1, 2])),
      '/Encrypt 6 0 R names no readable dictionary',
    ],
  ])('/Encrypt %s: refused, though pdf.js takes the file as unencrypted', async (_name, encrypt, reason) => {
    // pdf.js reads what is not a dictionary as no encryption (a reference to a missing object is null, ISO
    // 32000-1, 7.3.10); a file that says it is encrypted and whose encryption cannot be read is refused all
    // the same: whether another reader, or Textract, opens it is a guess.
    // Prepare
    const bytes = await withEncrypt(encrypt);

    // Act
    const encryption = encryptionOf(bytes);

    // Assess
    expect(encryption).toEqual({
      kind: 'unreadable',
      reason: `its encryption dictionary cannot be read (${reason})`,
    });
    expect(await pdfjsOpen(bytes)).toMatchObject({ outcome: 'opens', encryptFilter: null });
  });

  it.each(['r5-aes-256.open.pdf', 'r6-aes-256.open.pdf'])(
    '%s with its /Perms altered: refused, though pdf.js (which skips that check) opens it',
    async (file) => {
      // ISO 32000-2, 7.6.4.4.11 (Algorithm 13): decrypting /Perms with the file key gives `adb` at bytes 9-11.
      // Prepare
      const bytes = editEncryptDict(fixtureBytes(file), (d) =>
        d.replace(/\/Perms <(.)/, (_m, c: string) => `/Perms <${c === '0' ? '1' : '0'}`),
      );

      // Act
      const encryption = encryptionOf(bytes);

      // Assess
      expect(encryption).toEqual({
        kind: 'unreadable',
        reason: 'its standard security handler gives a file key (/UE) that its /Perms does not confirm',
      });
      expect(await pdfjsOpen(bytes)).toMatchObject({ outcome: 'opens', encryptFilter: 'Standard' });
    },
  );

  it('a file that names /Encrypt outside any trailer', () => {
    // Act
    const found = readEncryption(
      '%PDF-1.4\n1 0 obj\n<< /Encrypt 5 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF',
    );

    // Assess
    expect(found).toEqual({
      facts: {
        kind: 'unreadable',
        reason: 'its encryption dictionary cannot be read (no trailer holds the /Encrypt entry)',
      },
      decrypt: null,
    });
  });
});

describe('which trailer is read', () => {
  const pubSec = 'trailer\n<< /Encrypt << /Filter /Adobe.PubSec >> >>\n';
  const update = 'trailer\n<< /Size 1 >>\n';

  it('the newest that holds /Encrypt, after many incremental updates', () => {
    // Act
    const { facts } = readEncryption(`%PDF-1.4\n${update.repeat(70)}${pubSec}%%EOF`);

    // Assess
    expect(facts).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('/Adobe.PubSec') });
  });

  it('only the newest 64: an /Encrypt older than that is not looked for, and the file is refused', () => {
    // Act
    const { facts } = readEncryption(`%PDF-1.4\n${pubSec}${update.repeat(70)}%%EOF`);

    // Assess
    expect(facts).toEqual({
      kind: 'unreadable',
      reason: 'its encryption dictionary cannot be read (no trailer holds the /Encrypt entry)',
    });
  });
});

describe('an unencrypted PDF', () => {
  it('is read as before, its streams passed through', () => {
    // Act
    const { facts, decrypt } = readEncryption('%PDF-1.4\ntrailer\n<< /Root 1 0 R >>\n%%EOF');
    const data = Buffer.from('stream data');

    // Assess
    expect(facts).toEqual({ kind: 'none' });
    expect(decrypt?.(1, 0, data)).toBe(data);
  });
});
