import { inflateSync } from 'node:zlib';
import { type ActiveContentFinding, findActiveContent } from './active-content.ts';
import { type EncryptionFacts, readEncryption } from './pdf-encryption.ts';
import type { StreamDecryptor } from './stream-decryption.ts';

/**
 * What can be told of a PDF from its bytes without rendering it: truncation, encryption, active
 * content and, best effort, its page count. Enough to refuse early, before Textract is paid to refuse.
 */

export interface PdfFacts {
  /** No `%%EOF` in the last kilobyte: the upload was cut short. */
  readonly truncated: boolean;
  /** Whether it is encrypted and, if so, whether it opens without a password. */
  readonly encryption: EncryptionFacts;
  /** Pages found, or null when the page tree could not be read (compressed some other way). */
  readonly pageCount: number | null;
  /** JavaScript, launch actions, embedded files, rich media, XFA: in its objects or its object streams. */
  readonly activeContent: readonly ActiveContentFinding[];
}

/** Readers look for `%%EOF` this close to the end (trailing whitespace and junk are common). */
const eofWindow = 1024;
/** Decrypted and inflated object streams are capped, so a hostile PDF cannot make the function balloon. */
const maxInflatedBytes = 32 * 1024 * 1024;

export function inspectPdf(bytes: Uint8Array): PdfFacts {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const truncated = !raw.slice(-eofWindow).includes('%%EOF');
  const { facts: encryption, decrypt } = readEncryption(raw);
  // A file that needs a password is refused anyway: its object streams need not be read.
  const texts = decrypt === null ? [raw] : [raw, ...objectStreams(raw, decrypt)];
  return { truncated, encryption, pageCount: countPages(texts), activeContent: findActiveContent(texts) };
}

/**
 * Pages from the page tree: the root `/Type /Pages` node's `/Count` when one is readable, else the
 * number of distinct `/Type /Page` objects, else a linearised file's `/N`.
 */
function countPages(texts: readonly string[]): number | null {
  const counts = texts.flatMap(pagesCounts);
  if (counts.length > 0) return Math.max(...counts);
  const pages = texts.reduce((sum, text) => sum + pageObjects(text), 0);
  if (pages > 0) return pages;
  const linearised = texts.flatMap((t) => [...t.matchAll(/\/Linearized\b[^>]*?\/N\s+(\d+)/g)]);
  return linearised.length > 0 ? Math.max(...linearised.map((m) => Number(m[1]))) : null;
}

/** `/Count n` of every `/Type /Pages` dictionary, looked for within its object (or nearby in a stream). */
function pagesCounts(text: string): number[] {
  const counts: number[] = [];
  for (const m of text.matchAll(/\/Type\s*\/Pages\b/g)) {
    const start = Math.max(text.lastIndexOf('obj', m.index), m.index - 400, 0);
    const endobj = text.indexOf('endobj', m.index);
    const end = endobj === -1 ? m.index + 400 : Math.min(endobj, m.index + 400);
    const count = /\/Count\s+(\d+)(?!\s+\d+\s+R)/.exec(text.slice(start, end));
    if (count) counts.push(Number(count[1]));
  }
  return counts;
}

/** Distinct page objects: an incremental update rewrites a page under the same object number. */
function pageObjects(text: string): number {
  const numbered = new Set<string>();
  let unnumbered = 0;
  for (const m of text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)) {
    const window = text.slice(Math.max(0, m.index - 2000), m.index);
    const header = [...window.matchAll(/(\d+)\s+\d+\s+obj\b/g)].at(-1);
    if (header) numbered.add(header[1] ?? '');
    else unnumbered += 1;
  }
  return numbered.size + unnumbered;
}

/**
 * Inflated contents of the FlateDecode object streams (PDF 1.5+ keeps the page tree inside them),
 * decrypted first in a file that opens without a password (its dictionaries are in the clear, its streams not).
 */
function objectStreams(raw: string, decrypt: StreamDecryptor): string[] {
  const out: string[] = [];
  let budget = maxInflatedBytes;
  for (const m of raw.matchAll(/\bobj\b((?:(?!\bobj\b)[\s\S]){0,2000}?)stream\r?\n/g)) {
    const dict = m[1] ?? '';
    if (!/\/Type\s*\/ObjStm\b/.test(dict) || !/\/FlateDecode\b/.test(dict) || budget <= 0) continue;
    const start = m.index + m[0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const end = length ? start + Number(length[1]) : raw.indexOf('endstream', start);
    if (end <= start) continue;
    const stored = Buffer.from(raw.slice(start, end), 'latin1');
    // The object's number and generation, looked for behind `obj` (a regex leading with digits is slower).
    const [, num, gen] = /(\d+)\s+(\d+)\s+$/.exec(raw.slice(Math.max(0, m.index - 32), m.index)) ?? [];
    const data = stored.length <= budget ? decrypt(Number(num), Number(gen), stored) : null;
    if (data === null) continue;
    if (data !== stored) budget -= data.length;
    try {
      const inflated = inflateSync(data, { maxOutputLength: budget });
      budget -= inflated.length;
      out.push(inflated.toString('latin1'));
    } catch {
      // A damaged or oversized stream only makes the count best effort; Textract judges the rest.
    }
  }
  return out;
}
