import './common/require-node.ts';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inspectDocument } from '../lambdas/processes/invoice/extract/inspect-document.ts';
import { paddedPdf } from '../lambdas/processes/invoice/samples/padded-pdf.ts';

/**
 * Peak memory of the extract step's document inspection, per PDF size: each size in a fresh process,
 * the object held in memory as S3 would serve it, each read a fresh copy (as the SDK's
 * transformToByteArray gives). Prints the RSS before the inspection and the process's peak RSS.
 * Usage: npx tsx bin/bench-inspect-memory.ts [megabytes…]   (default 50 99 400)
 */

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function child(size: number): Promise<void> {
  const body = paddedPdf(size);
  const before = process.memoryUsage().rss;
  const source = {
    headDocument: async () => ({ size, contentType: 'application/pdf' }),
    readDocument: async (_doc: unknown, length?: number) => Uint8Array.from(body.subarray(0, length ?? size)),
  };
  const doc = { documentId: 'x', process: 'invoice', bucket: 'b', key: 'k', size, receivedAt: '' };
  const outcome = await inspectDocument(source, doc).then(
    (checked) => `checked (${checked.path})`,
    (error: Error) => `refused: ${error.message.slice(0, 60)}…`,
  );
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `${mb(size).padStart(7)}  rss before ${mb(before).padStart(7)}  peak ${mb(peak).padStart(7)}  added ${mb(peak - before).padStart(7)}  ${outcome}`,
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(Number(args[1]));
else
  for (const size of (args.length > 0 ? args : ['50', '99', '400']).map((m) => Number(m) * 1024 * 1024))
    process.stdout.write(
      execFileSync('npx', ['tsx', fileURLToPath(import.meta.url), '--child', String(size)], {
        encoding: 'utf8',
      }),
    );
