/**
 * A reader for PDF's object syntax (ISO 32000-1, 7.3): enough to read a trailer and an encryption
 * dictionary from a file's text (latin1, one character per byte). It reads one object at a position,
 * never the whole file, and gives up (null) on anything it cannot read rather than guessing.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A string's bytes (literal or hex); names, references, numbers, booleans, null, arrays, dictionaries. */
export type PdfValue = number | boolean | null | Buffer | PdfName | PdfRef | PdfValue[] | PdfDict;
export type PdfDict = Map<string, PdfValue>;

export interface Parsed {
  readonly value: PdfValue;
  /** Where the object's text ends. */
  readonly end: number;
}

/** Nesting past this is no trailer or encryption dictionary, and a hostile file cannot recurse deeper. */
const maxDepth = 16;
const whitespace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const delimiters = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/**
 * The object that starts at `at` (after whitespace and comments), read no further than `limit`.
 *
 * @example parseObject('<< /R 4 /O <0a0b> >>', 0)?.value // Map { 'R' => 4, 'O' => <Buffer 0a 0b> }
 */
export function parseObject(text: string, at: number, limit = text.length): Parsed | null {
  return new Reader(text, Math.min(limit, text.length)).object(at, 0);
}

export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof Map;
export const isName = (v: PdfValue | undefined, name?: string): v is PdfName =>
  v instanceof PdfName && (name === undefined || v.name === name);
export const isBytes = (v: PdfValue | undefined): v is Buffer => Buffer.isBuffer(v);

class Reader {
  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  object(from: number, depth: number): Parsed | null {
    const at = this.skip(from);
    if (at >= this.limit || depth > maxDepth) return null;
    const c = this.text[at];
    if (this.text.startsWith('<<', at)) return this.dict(at + 2, depth);
    if (c === '<') return this.hex(at + 1);
    if (c === '(') return this.literal(at + 1);
    if (c === '[') return this.array(at + 1, depth);
    if (c === '/') return this.name(at + 1);
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (this.text.startsWith(word, at) && this.delimited(at + word.length))
        return { value, end: at + word.length };
    return this.numberOrRef(at);
  }

  private dict(from: number, depth: number): Parsed | null {
    const dict: PdfDict = new Map();
    let at = this.skip(from);
    while (!this.text.startsWith('>>', at)) {
      const key = this.object(at, depth + 1);
      if (key === null || !isName(key.value)) return null;
      const value = this.object(key.end, depth + 1);
      if (value === null) return null;
      dict.set(key.value.name, value.value);
      at = this.skip(value.end);
    }
    return at + 2 <= this.limit ? { value: dict, end: at + 2 } : null;
  }

  private array(from: number, depth: number): Parsed | null {
    const items: PdfValue[] = [];
    let at = this.skip(from);
    while (this.text[at] !== ']') {
      const item = this.object(at, depth + 1);
      if (item === null) return null;
      items.push(item.value);
      at = this.skip(item.end);
    }
    return at < this.limit ? { value: items, end: at + 1 } : null;
  }

  /** A literal string (7.3.4.2): balanced parentheses, backslash escapes, end-of-line markers read as LF. */
  private literal(from: number): Parsed | null {
    const out: number[] = [];
    let depth = 1;
    for (let at = from; at < this.limit; at++) {
      const c = this.text.charCodeAt(at);
      if (c === 0x5c) {
        at += 1;
        at = this.escape(at, out);
        continue;
      }
      if (c === 0x28) depth += 1;
      if (c === 0x29 && --depth === 0) return { value: Buffer.from(out), end: at + 1 };
      if (c === 0x0d) {
        if (this.text.charCodeAt(at + 1) === 0x0a) at += 1;
        out.push(0x0a);
      } else out.push(c);
    }
    return null;
  }

  /** One escape after a backslash at `at - 1`; the index of its last character. */
  private escape(at: number, out: number[]): number {
    const c = this.text[at] ?? '';
    const simple: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c };
    if (c in simple) out.push(simple[c] ?? 0);
    else if (/[0-7]/.test(c)) {
      const digits = /^[0-7]{1,3}/.exec(this.text.slice(at, at + 3))?.[0] ?? c;
      out.push(Number.parseInt(digits, 8) & 0xff);
      return at + digits.length - 1;
    } else if (c === '\r')
      return this.text[at + 1] === '\n' ? at + 1 : at; // a line continuation
    else if (c !== '\n') out.push(this.text.charCodeAt(at)); // \( \) \\ and unknown escapes: the character
    return at;
  }

  private hex(from: number): Parsed | null {
    const end = this.text.indexOf('>', from);
    if (end === -1 || end >= this.limit) return null;
    const digits = this.text.slice(from, end).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(digits)) return null;
    return { value: Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex'), end: end + 1 };
  }

  private name(from: number): Parsed {
    let end = from;
    while (!this.delimited(end)) end += 1;
    const raw = this.text.slice(from, end);
    const name = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) =>
      String.fromCharCode(Number.parseInt(h, 16)),
    );
    return { value: new PdfName(name), end };
  }

  private numberOrRef(at: number): Parsed | null {
    const number = /^[+-]?(?:\d+\.?\d*|\.\d+)/.exec(this.text.slice(at, at + 32))?.[0];
    if (number === undefined || !this.delimited(at + number.length)) return null;
    const end = at + number.length;
    const ref = /^\s+(\d{1,5})\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/.exec(this.text.slice(end, end + 16));
    if (ref && /^\d+$/.test(number))
      return { value: new PdfRef(Number(number), Number(ref[1])), end: end + ref[0].length };
    return { value: Number(number), end };
  }

  /** Past whitespace and comments. */
  private skip(from: number): number {
    let at = from;
    while (at < this.limit) {
      const c = this.text.charCodeAt(at);
      if (whitespace.has(c)) at += 1;
      else if (c === 0x25) while (at < this.limit && !/[\r\n]/.test(this.text[at] ?? '')) at += 1;
      else break;
    }
    return at;
  }

  /** Whether a token ends here (end of text, whitespace or a delimiter). */
  private delimited(at: number): boolean {
    if (at >= this.limit) return true;
    const c = this.text.charCodeAt(at);
    return whitespace.has(c) || delimiters.has(c);
  }
}
