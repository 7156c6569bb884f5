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
