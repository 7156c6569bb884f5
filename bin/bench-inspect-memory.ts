import './common/require-node.ts';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspectDocument } from '../lambdas/processes/invoice/extract/inspect-document.ts';
import { paddedCopy, paddedPdf } from '../lambdas/processes/invoice/samples/padded-pdf.ts';

/**
 * Peak memory of the extract step's document inspection, per PDF size: each size in a fresh process,
 * the object held in memory as S3 would serve it, each read a fresh copy (as the SDK's
 * transformToByteArray gives). Prints the RSS before the inspection, the process's peak RSS and the time taken.
 * With `--pad FILE`, each size is that PDF padded with a comment (e.g. a permission-only encrypted one,
 * whose object streams are decrypted before they are inflated).
 * Usage: npx tsx bin/bench-inspect-memory.ts [--pad FILE] [megabytes…]   (default 50 99 400)
 */

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function child(size: number, pad: string | undefined): Promise<void> {
  const body = pad === undefined ? paddedPdf(size) : paddedCopy(readFileSync(pad), size);
  const before = process.memoryUsage().rss;
  const source = {
    headDocument: async () => ({ size, contentType: 'application/pdf' }),
    readDocument: async (_doc: unknown, length?: number) => Uint8Array.from(body.subarray(0, length ?? size)),
  };
  const doc = { documentId: 'x', process: 'invoice', bucket: 'b', key: 'k', size, receivedAt: '' };
  const started = performance.now();
  const outcome = await inspectDocument(source, doc).then(
    (checked) => `checked (${checked.path})`,
    (error: Error) => `refused: ${error.message.slice(0, 60)}…`,
  );
  const took = `${(performance.now() - started).toFixed(0)} ms`;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `${mb(size).padStart(7)}  rss before ${mb(before).padStart(7)}  peak ${mb(peak).padStart(7)}  added ${mb(peak - before).padStart(7)}  ${took.padStart(8)}  ${outcome}`,
  );
}

const args = process.argv.slice(2);
const padIndex = args.indexOf('--pad');
const pad = padIndex === -1 ? undefined : args.splice(padIndex, 2)[1];
if (args[0] === '--child') await child(Number(args[1]), pad);
else
  for (const size of (args.length > 0 ? args : ['50', '99', '400']).map((m) => Number(m) * 1024 * 1024))
    process.stdout.write(
      execFileSync(
        'npx',
        ['tsx', fileURLToPath(import.meta.url), '--child', String(size), ...(pad ? ['--pad', pad] : [])],
        { encoding: 'utf8' },
      ),
    );
