import './common/require-node.ts';
import { readFileSync } from 'node:fs';
import { type ExtractedFile, extractFiles } from '../lambdas/processes/invoice/tools/extract-file.ts';
import { absolutePath } from './common/cli-args.ts';

// npm run extract -- <file>…: the normalised invoice Tower would read from each file, as JSON.
const names = process.argv.slice(2).filter((a) => a !== '--');
if (names.length === 0 || names.some((a) => a.startsWith('-'))) {
  process.stderr.write('usage: npm run extract -- <file.pdf|png|jpg|tiff>…\n');
  process.exit(2);
}
// A file that cannot be read gets its own error entry; the others are still extracted.
const unreadable: ExtractedFile[] = [];
const readable: { name: string; bytes: Uint8Array }[] = [];
for (const name of names) {
  try {
    readable.push({ name, bytes: readFileSync(absolutePath(name)) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    unreadable.push({ file: name, error: { name: 'Unreadable', message } });
  }
}
const extracted = readable.length > 0 ? await extractFiles(readable) : [];
const byName = new Map([...extracted, ...unreadable].map((r) => [r.file, r]));
const results = names.flatMap((name) => byName.get(name) ?? []);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(results.some((r) => 'error' in r) ? 1 : 0);
