import { PDFDocument, PDFHexString, type PDFObject, StandardFonts } from 'pdf-lib';

/**
 * Encrypted PDFs qpdf does not write: other security handlers and broken encryption dictionaries
 * (built with pdf-lib, contents in the clear), and qpdf's files rewritten the way other writers put
 * the same dictionary (inline in the trailer, literal strings, /P unsigned).
 */

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** A one-page PDF whose trailer's /Encrypt is what `encrypt` returns (registered when it is not a reference). */
export async function withEncrypt(encrypt: (doc: PDFDocument) => PDFObject): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Invoice INV-9 total 90.00 EUR', { x: 50, y: 700, size: 12, font });
  doc.context.trailerInfo.Encrypt = encrypt(doc);
  doc.context.trailerInfo.ID = doc.context.obj([
    PDFHexString.of('0f'.repeat(16)),
    PDFHexString.of('0f'.repeat(16)),
  ]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The `N 0 obj … endobj` text of the object the classic trailer's /Encrypt names. */
function encryptObject(text: string): {
  readonly start: number;
  readonly end: number;
  readonly dict: string;
} {
  const num = /trailer\s*<<[\s\S]*?\/Encrypt (\d+) 0 R/.exec(text)?.[1];
  const header = num === undefined ? -1 : text.lastIndexOf(`\n${num} 0 obj`);
  const end = text.indexOf('endobj', header);
  if (header === -1 || end === -1) throw new Error('no /Encrypt object in the fixture');
  const start = header + `\n${num} 0 obj`.length;
  return { start, end, dict: text.slice(start, end).trim() };
}

/**
 * The fixture with its encryption dictionary's text edited. qpdf writes that object last, just before
 * the cross-reference table, so only `startxref` moves: it is rewritten and the file stays valid.
 */
export function editEncryptDict(bytes: Uint8Array, edit: (dict: string) => string): Buffer {
  const text = latin1(bytes);
  const { start, end, dict } = encryptObject(text);
  const xref = text.indexOf('\nxref', end);
  if (xref === -1 || /\bobj\b/.test(text.slice(end + 6, xref)))
    throw new Error('the /Encrypt object is not last');
  const edited = `${text.slice(0, start)}\n${edit(dict)}\n${text.slice(end)}`;
  const moved = edited.indexOf('\nxref', start) + 1;
  return Buffer.from(edited.replace(/startxref\s+\d+/, `startxref\n${moved}`), 'latin1');
}

/** The fixture with its /Encrypt dictionary written inline in the trailer (after the table: no offset moves). */
export function inlineEncryptDict(bytes: Uint8Array): Buffer {
  const text = latin1(bytes);
  const { dict } = encryptObject(text);
  const trailer = text.lastIndexOf('trailer');
  const rewritten = text.slice(trailer).replace(/\/Encrypt \d+ 0 R/, `/Encrypt ${dict}`);
  return Buffer.from(text.slice(0, trailer) + rewritten, 'latin1');
}

/** `<hex>` strings as literal strings, escaped as writers do (octal for the unprintable, `\(` `\)` `\\`). */
export function hexToLiteral(dict: string, keys: readonly string[]): string {
  return dict.replace(/\/(\w+) <([0-9a-fA-F]+)>/g, (whole, key: string, hex: string) => {
    if (!keys.includes(key)) return whole;
    const escaped = [...Buffer.from(hex, 'hex')]
      .map((b) => {
        if (b === 0x28 || b === 0x29 || b === 0x5c) return `\\${String.fromCharCode(b)}`;
        if (b < 0x20 || b > 0x7e) return `\\${b.toString(8).padStart(3, '0')}`;
        return String.fromCharCode(b);
      })
      .join('');
    return `/${key} (${escaped})`;
  });
}

/**
 * The fixture with its encryption dictionary's /Length given as a reference to a new object after it,
 * listed in the cross-reference table (its one subsection grows by one entry) so readers find it too.
 */
export function lengthByReference(bytes: Uint8Array, length: number): Buffer {
  const edited = latin1(editEncryptDict(bytes, (d) => `${d.replace(`/Length ${length}`, '/Length 99 0 R')}`));
  const size = Number(/\/Size (\d+)/.exec(edited)?.[1]);
  const xref = edited.lastIndexOf('\nxref\n') + 1;
  const object = `${size} 0 obj\n${length}\nendobj\n`;
  const withObject = `${edited.slice(0, xref)}${object}${edited.slice(xref)}`.replace(
    '/Length 99 0 R',
    `/Length ${size} 0 R`,
  );
  const entry = `${String(xref).padStart(10, '0')} 00000 n \n`;
  const table = withObject
    .replace(`xref\n0 ${size}\n`, `xref\n0 ${size + 1}\n`)
    .replace(/\ntrailer/, `\n${entry}trailer`)
    .replace(`/Size ${size}`, `/Size ${size + 1}`);
  return Buffer.from(table.replace(/startxref\s+\d+/, `startxref\n${xref + object.length}`), 'latin1');
}
