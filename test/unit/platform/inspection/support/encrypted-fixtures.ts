import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The encrypted PDFs qpdf wrote (generate-encrypted-pdfs.ts), as its manifest describes them. */
export interface EncryptedFixture {
  readonly file: string;
  /** The qpdf arguments that wrote it, less the input and output paths. */
  readonly qpdf: string;
  readonly revision: number;
  /** How its streams are encrypted, as the inspector names it. */
  readonly cipher: string;
  /** Whether it needs a user password to open (else only an owner password restricts it). */
  readonly userPassword: boolean;
  /** Written with a cross-reference stream and object streams (PDF 1.5+). */
  readonly xrefStream: boolean;
  readonly pages: number;
  /** It runs JavaScript when opened (kept in an object stream when `xrefStream`). */
  readonly javascript: boolean;
  /** For an invoice: what extraction must read from it. */
  readonly invoice?: { readonly total: string; readonly invoiceNumber: string };
}

export const fixtureDirectory = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../fixtures/encrypted-pdf',
);

export function encryptedFixtures(): EncryptedFixture[] {
  return JSON.parse(readFileSync(join(fixtureDirectory, 'manifest.json'), 'utf8')) as EncryptedFixture[];
}

export function fixtureBytes(file: string): Buffer {
  return readFileSync(join(fixtureDirectory, file));
}
