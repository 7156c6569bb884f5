const safeByte = /[A-Za-z0-9_-]/;

/**
 * `text` (or raw bytes) as a name that is safe anywhere: every UTF-8 byte outside `A-Z a-z 0-9 _ -` becomes `%XX`,
 * so no result is `.` or `..`, holds a separator, or collides with another text's.
 *
 * @example percentEncode('a/../b.pdf') === 'a%2F%2E%2E%2Fb%2Epdf'
 */
export function percentEncode(text: string | Uint8Array): string {
  let encoded = '';
  for (const byte of typeof text === 'string' ? Buffer.from(text, 'utf8') : text) {
    const char = String.fromCharCode(byte);
    encoded += safeByte.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The text `percentEncode` made `encoded` from; throws on anything it could not have made. */
export function percentDecode(encoded: string): string {
  if (!/^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})*$/.test(encoded))
    throw new Error(`not a percent-encoded name: ${encoded}`);
  return Buffer.from(
    encoded.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}
