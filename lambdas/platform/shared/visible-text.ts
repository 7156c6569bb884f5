/**
 * Characters that change how the text around them is shown rather than showing themselves: C0 and C1
 * controls (ESC starts terminal sequences), DEL, the line and paragraph separators, and Unicode's bidi
 * formatting marks (U+061C, U+200E/200F, the embeddings and overrides U+202A–202E, the isolates U+2066–2069).
 */
export const hiddenCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every character that could hide or reorder what is shown written out as an escape
 * (`\x1B`, `\u202E`), so a file name or a field shows what it holds, in a terminal or a page.
 * No imports: the console serves this module to the browser as it is.
 *
 * @example visibleText('invoice\u202Efdp.exe') === 'invoice\\u202Efdp.exe'
 */
export function visibleText(text: string): string {
  return text.replace(hiddenCharacters, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The first character of `bytes` if they start with a well-formed UTF-8 sequence, with its length. */
function leadingChar(bytes: Uint8Array): { char: string; length: number } | undefined {
  for (let length = 1; length <= Math.min(4, bytes.length); length++) {
    try {
      return { char: strict.decode(bytes.subarray(0, length)), length };
    } catch {
      // Not complete or not well-formed at this length: try one more byte.
    }
  }
  return undefined;
}

/**
 * Bytes that should be UTF-8 (a file name from a disk) as visibleText shows text: a byte that belongs
 * to no well-formed sequence is written out as `\xNN`, so nothing is lost or replaced by `�`.
 *
 * @example visibleBytes(Uint8Array.of(0x61, 0xff, 0x62)) === 'a\\xFFb'
 */
export function visibleBytes(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const next = leadingChar(bytes.subarray(i));
    if (next) {
      text += visibleText(next.char);
      i += next.length;
    } else {
      text += `\\x${(bytes[i] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    }
  }
  return text;
}
