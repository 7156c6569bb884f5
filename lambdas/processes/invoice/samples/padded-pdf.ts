/**
 * A one-page PDF of exactly `size` bytes: a minimal page tree padded with a comment line (readers skip
 * comments), for tests and benches near the size limits without rendering hundreds of megabytes.
 */
export function paddedPdf(size: number): Buffer {
  const head = '%PDF-1.7\n%';
  const tail =
    '\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';
  const padding = size - head.length - tail.length;
  if (padding < 0) throw new Error(`a padded PDF is at least ${head.length + tail.length} bytes`);
  const out = Buffer.alloc(size, 0x20);
  out.write(head, 0, 'latin1');
  out.write(tail, size - tail.length, 'latin1');
  return out;
}

/**
 * `pdf` grown to exactly `size` bytes by a comment line after its header: what an inspection reads of a
 * large file, without making one (object offsets move, so readers would rebuild the cross-reference table).
 */
export function paddedCopy(pdf: Uint8Array, size: number): Buffer {
  const header = Buffer.from(pdf).indexOf(0x0a) + 1;
  const padding = size - pdf.length - 2;
  if (header === 0 || padding < 0) throw new Error(`cannot pad a PDF of ${pdf.length} bytes to ${size}`);
  const out = Buffer.alloc(size, 0x20);
  out.set(pdf.subarray(0, header), 0);
  out[header] = 0x25; // `%`: the padding is one comment line
  out[header + 1 + padding] = 0x0a;
  out.set(pdf.subarray(header), header + 2 + padding);
  return out;
}
