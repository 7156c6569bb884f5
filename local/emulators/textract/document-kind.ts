/**
 * The four formats AnalyzeExpense accepts, told apart by their leading bytes (never by a file name
 * or a declared content type, which Textract never sees either).
 */

export type DocumentKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

const signatures: readonly (readonly [DocumentKind, readonly number[]])[] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
];

/** Readers tolerate a little junk before `%PDF-`; so does this. */
const pdfHeaderWindow = 1024;

export function sniffKind(bytes: Uint8Array): DocumentKind | null {
  const found = signatures.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte));
  if (found) return found[0];
  return Buffer.from(bytes.subarray(0, pdfHeaderWindow)).includes('%PDF-') ? 'pdf' : null;
}
