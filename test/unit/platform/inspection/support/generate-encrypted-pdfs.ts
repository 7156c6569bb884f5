import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import {
  expectedFields,
  invoicePdf,
  randomInvoiceSpec,
} from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { type EncryptedFixture, fixtureDirectory } from './encrypted-fixtures.ts';

/**
 * Writes the encrypted PDFs under test/fixtures/encrypted-pdf/ with qpdf (Debian's `qpdf`, 11.3.0 here:
 * an encryptor independent of the inspector), and their manifest. Tests read the committed files and
 * never need qpdf. Run: `npx tsx test/unit/platform/inspection/support/generate-encrypted-pdfs.ts`.
 */

const owner = ['owner-secret'];
const restrictRc4_40 = ['--print=n', '--modify=n', '--extract=n', '--annotate=n'];
const restrict = ['--print=none', '--extract=n', '--modify=none'];

type Base = 'page' | 'scripted' | 'invoice';
const plan: readonly (readonly [
  name: string,
  base: Base,
  bits: string,
  flags: readonly string[],
  r: number,
  cipher: string,
])[] = [
  ['r2-rc4-40', 'page', '40', restrictRc4_40, 2, 'RC4 40-bit'],
  ['r3-rc4-128', 'page', '128', ['--use-aes=n', ...restrict], 3, 'RC4 128-bit'],
  ['r4-aes-128', 'page', '128', ['--use-aes=y', ...restrict], 4, 'AES-128'],
  [
    'r4-aes-128-clear-metadata',
    'page',
    '128',
    ['--use-aes=y', '--cleartext-metadata', ...restrict],
    4,
    'AES-128',
  ],
  ['r5-aes-256', 'page', '256', ['--force-R5', ...restrict], 5, 'AES-256'],
  ['r6-aes-256', 'page', '256', restrict, 6, 'AES-256'],
  ['r3-rc4-128-xref-stream', 'scripted', '128', ['--use-aes=n', ...restrict], 3, 'RC4 128-bit'],
  ['r4-aes-128-xref-stream', 'scripted', '128', ['--use-aes=y', ...restrict], 4, 'AES-128'],
  ['r6-aes-256-xref-stream', 'scripted', '256', restrict, 6, 'AES-256'],
  ['invoice-r4-aes-128', 'invoice', '128', ['--use-aes=y', ...restrict], 4, 'AES-128'],
];

const invoiceSpec = randomInvoiceSpec('encrypted-invoice', {
  language: 'en',
  currency: 'EUR',
  lineItems: [{ description: 'Consulting', quantity: 2, unitPriceCents: 45_000 }],
});

/** One page of text, classic cross-reference table. */
async function page(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Invoice INV-7 total 70.00 EUR', { x: 50, y: 780, size: 12, font });
  return doc.save({ useObjectStreams: false });
}

/** Three pages that run JavaScript when opened: in an object stream once qpdf writes one. */
async function scripted(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 3; i++)
    doc.addPage([595.28, 841.89]).drawText(`Statement page ${i}`, { x: 50, y: 780, size: 12, font });
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  return doc.save({ useObjectStreams: false });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'encrypted-pdf-'));
  const bases: Record<Base, Uint8Array> = {
    page: await page(),
    scripted: await scripted(),
    invoice: await invoicePdf(invoiceSpec),
  };
  const manifest: EncryptedFixture[] = [];
  try {
    for (const [name, base, bits, flags, revision, cipher] of plan) {
      const input = join(work, `${base}.pdf`);
      writeFileSync(input, bases[base]);
      const xrefStream = name.endsWith('xref-stream');
      for (const user of ['', 'user-secret']) {
        const file = `${name}.${user === '' ? 'open' : 'user'}.pdf`;
        const qpdf = [
          ...(xrefStream ? ['--object-streams=generate'] : ['--object-streams=disable']),
          // qpdf 11 writes RC4 (revisions 2 and 3) only when told that weak crypto is meant.
          ...(cipher.startsWith('RC4') ? ['--allow-weak-crypto'] : []),
          '--encrypt',
          user,
          ...owner,
          bits,
          ...flags,
          '--',
          input,
          join(fixtureDirectory, file),
        ];
        execFileSync('qpdf', qpdf, { stdio: 'inherit' });
        const invoice = base === 'invoice' ? expectedFields(invoiceSpec) : undefined;
        manifest.push({
          file,
          qpdf: qpdf.slice(0, -2).join(' '),
          revision,
          cipher,
          userPassword: user !== '',
          xrefStream,
          pages: base === 'scripted' ? 3 : 1,
          javascript: base === 'scripted',
          ...(invoice ? { invoice: { total: invoice.total, invoiceNumber: invoice.invoiceNumber } } : {}),
        });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(join(fixtureDirectory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `${manifest.length} fixtures in ${fixtureDirectory} (${execFileSync('qpdf', ['--version']).toString().split('\n')[0]})`,
  );
}

await main();
