import { readFileSync } from 'node:fs';
import { extractFiles } from '../local/extract-file.ts';

// npm run extract -- <file>…: the normalised invoice Tower would read from each file, as JSON.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const names = process.argv.slice(2).filter((a) => a !== '--');
if (names.length === 0) {
  process.stderr.write('usage: npm run extract -- <file.pdf|png|jpg|tiff>…\n');
  process.exit(2);
}
const results = await extractFiles(names.map((name) => ({ name, bytes: readFileSync(name) })));
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(results.some((r) => 'error' in r) ? 1 : 0);
