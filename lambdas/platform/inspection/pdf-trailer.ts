import { isBytes, isDict, isName, type PdfDict, PdfRef, type PdfValue, parseObject } from './pdf-syntax.ts';

/**
 * A PDF's encryption dictionary and file identifier, from the newest trailer that names one: a classic
 * `trailer << … >>` or, from PDF 1.5, a cross-reference stream's dictionary (ISO 32000-1, 7.5.5 and
 * 7.5.8.2). An `/Encrypt` given by reference is resolved; the encryption dictionary is never inside an
 * object stream (7.5.7), so it is found by its `n g obj` header.
 */

export type EncryptionEntry =
  | { readonly kind: 'none' }
  /** `dict` is the encryption dictionary, `id` the first element of the trailer's /ID (empty when absent). */
  | { readonly kind: 'found'; readonly dict: PdfDict; readonly id: Buffer }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** What marks an encrypted file anywhere in it; without it there is nothing to read. */
const encryptMarker = /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/;
/** A trailer or encryption dictionary is a few hundred bytes; a public-key one with many recipients, some KiB. */
const maxDictChars = 64 * 1024;
/** Trailers looked at, newest first: incremental updates add one each; a hostile file cannot make us parse more. */
const maxTrailers = 64;
/** How far before `/Type /XRef` its object's header may be (as the page-tree scan allows). */
const headerWindow = 2000;

export function findEncryption(raw: string): EncryptionEntry {
  if (!encryptMarker.test(raw)) return { kind: 'none' };
  for (const at of trailerStarts(raw)) {
    const trailer = parseObject(raw, at, at + maxDictChars)?.value;
    if (!isDict(trailer) || !trailer.has('Encrypt')) continue;
    const dict = resolve(raw, trailer.get('Encrypt'));
    if (!isDict(dict)) return { kind: 'unreadable', reason: unresolved(trailer.get('Encrypt')) };
    const id = resolve(raw, trailer.get('ID'));
    const first = Array.isArray(id) ? resolve(raw, id[0]) : undefined;
    return { kind: 'found', dict: resolveEntries(raw, dict), id: isBytes(first) ? first : Buffer.alloc(0) };
  }
  return { kind: 'unreadable', reason: 'no trailer holds the /Encrypt entry' };
}

/** Where each trailer dictionary starts, newest (nearest the end) first. */
function trailerStarts(raw: string): number[] {
  const classic = lastMatches(raw, /\btrailer\s*<</g, maxTrailers).map((m) => m.index + m[0].length - 2);
  const streams = lastMatches(raw, /\/Type\s*\/XRef\b/g, maxTrailers).flatMap((m) => {
    const window = raw.slice(Math.max(0, m.index - headerWindow), m.index);
    const header = lastMatches(window, /\d+\s+\d+\s+obj\b/g, 1)[0];
    return header ? [m.index - window.length + header.index + header[0].length] : [];
  });
  return [...classic, ...streams].sort((a, b) => b - a).slice(0, maxTrailers);
}

/** The last `n` matches, holding no more than `n` however often a hostile file repeats the pattern. */
function lastMatches(text: string, pattern: RegExp, n: number): RegExpExecArray[] {
  const ring: RegExpExecArray[] = [];
  let count = 0;
  for (const m of text.matchAll(pattern)) ring[count++ % n] = m;
  return count <= n ? ring : [...ring.slice(count % n), ...ring.slice(0, count % n)];
}

/** A value with a reference replaced by the object it names (the newest definition), or undefined. */
export function resolve(raw: string, value: PdfValue | undefined): PdfValue | undefined {
  if (!(value instanceof PdfRef)) return value;
  const header = new RegExp(`(?<![0-9])${value.num}\\s+${value.gen}\\s+obj\\b`, 'g');
  const last = lastMatches(raw, header, 1)[0];
  if (last === undefined) return undefined;
  const at = last.index + last[0].length;
  return parseObject(raw, at, at + maxDictChars)?.value ?? undefined;
}

/** The dictionary with each entry's reference resolved (writers may give /Length or /O indirectly). */
function resolveEntries(raw: string, dict: PdfDict): PdfDict {
  return new Map([...dict].map(([key, value]) => [key, resolve(raw, value) ?? null]));
}

function unresolved(value: PdfValue | undefined): string {
  if (value instanceof PdfRef) return `/Encrypt ${value.num} ${value.gen} R names no readable dictionary`;
  return isName(value)
    ? `/Encrypt is a name (/${value.name}), not a dictionary`
    : '/Encrypt is not a dictionary';
}
