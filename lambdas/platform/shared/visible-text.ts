/**
 * Characters that change how the text around them is shown rather than showing themselves: C0 and C1
 * controls (ESC starts terminal sequences), DEL, the line and paragraph separators, and Unicode's bidi
 * formatting marks (U+061C, U+200E/200F, the embeddings and overrides U+202A–202E, the isolates U+2066–2069).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const hidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every character that could hide or reorder what is shown written out as an escape
 * (`\x1B`, `\u202E`), so a file name or a field shows what it holds, in a terminal or a page.
 * No imports: the console serves this module to the browser as it is.
 *
 * @example visibleText('invoice\u202Efdp.exe') === 'invoice\\u202Efdp.exe'
 */
export function visibleText(text: string): string {
  return text.replace(hidden, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
