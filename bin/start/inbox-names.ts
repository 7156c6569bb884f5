import { isUtf8 } from 'node:buffer';
import { hiddenCharacters, visibleBytes } from '../../lambdas/platform/shared/visible-text.ts';
import { percentEncode } from '../../local/runtime/safe-names.ts';

/**
 * The longest name a file is submitted under, in UTF-8 bytes: with the `<epoch ms>-` prefix it gets in
 * `.submitted/` it stays within the 255 bytes a Linux (or macOS, or Windows) file name may have.
 */
export const maxNameBytes = 200;

/** Metadata key of the name a file had when it was not submitted under it (`x-amz-meta-original-name`). */
export const originalNameMetadata = 'original-name';

/** How a file found in the inbox is named in S3, and shown. */
export interface InboxName {
  /** Valid UTF-8, no control or bidi characters, at most `maxNameBytes` bytes. */
  readonly name: string;
  /** The name as the disk had it, control and bidi characters and stray bytes written out. */
  readonly shown: string;
  /** When `name` is not the original: its bytes, percent-encoded (S3 metadata is US-ASCII). */
  readonly original?: string;
}

// Besides controls and bidi marks, a submitted name holds no separator and no `�` (a stray byte's stand-in).
const separatorOrStray = /[/\\\ufffd]/g;

/** `text` cut to at most `bytes` UTF-8 bytes, never inside a character. */
function cutTo(text: string, bytes: number): string {
  let cut = '';
  for (const char of text) {
    if (Buffer.byteLength(cut + char) > bytes) break;
    cut += char;
  }
  return cut;
}

/** A safe name for `text`: unsafe characters as `_`, cut to `maxNameBytes` keeping a short extension. */
function safeName(text: string): string {
  const cleaned = text.replace(hiddenCharacters, '_').replace(separatorOrStray, '_');
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  const stem = extension ? cleaned.slice(0, dot) : cleaned;
  const kept = cutTo(stem, maxNameBytes - Buffer.byteLength(extension));
  return /^[_.]*$/.test(kept) ? `unnamed${extension}` : `${kept}${extension}`;
}

/**
 * The name to submit a file under. A name that is valid UTF-8, holds no control or bidi character and
 * fits is kept; any other is submitted under a safe name, with the original's bytes kept as metadata.
 *
 * @example inboxName(Buffer.from('a\u202Efdp.exe')).name === 'a_fdp.exe'
 */
export function inboxName(raw: Uint8Array): InboxName {
  const bytes = Buffer.from(raw);
  const text = bytes.toString('utf8');
  const shown = visibleBytes(bytes);
  const name = safeName(text);
  if (isUtf8(bytes) && name === text) return { name, shown };
  return { name, shown, original: percentEncode(bytes) };
}
