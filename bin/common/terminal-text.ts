import { visibleText } from '../../lambdas/platform/shared/visible-text.ts';

/** Lines for a terminal: every control or bidi character written out (ESC as `\x1B`), line breaks kept. */
export const terminalText = (text: string): string => text.split('\n').map(visibleText).join('\n');

/**
 * `value` as JSON whose control and bidi characters are all `\uXXXX` escapes (JSON.stringify leaves
 * DEL, C1 and the bidi marks raw): the same JSON to a parser, nothing a terminal acts on.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    // visibleText's characters but C0, which JSON.stringify escapes in strings and uses as whitespace.
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * `text` in lines of at most `width` characters, broken at spaces where it can (a longer word is cut),
 * so a long reason wraps rather than being cut off.
 *
 * @example wrapText('one two three', 7) → ['one two', 'three']
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/ +/)) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
