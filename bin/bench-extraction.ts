import './common/require-node.ts';
import { fitCaps, formatFit } from './bench-extraction/fit.ts';
import { type BenchOptions, parseOptions } from './bench-extraction/options.ts';
import { formatSummary, summarise } from './bench-extraction/report.ts';
import { runBench } from './bench-extraction/run.ts';

/** `npm run bench:extraction`: sample invoices through the local Textract (text layer and OCR), scored per field. */

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const run = await runBench(options, (result, done, total) => {
  if (!options.json) process.stderr.write(`\r${done}/${total} ${result.id.padEnd(40)}`);
});
if (!options.json) process.stderr.write('\n');
const summary = summarise(run);
if (options.json) process.stdout.write(`${JSON.stringify({ summary, cases: run.results }, null, 2)}\n`);
else process.stdout.write(`${formatSummary(summary)}\n`);
if (options.fit && !options.json) process.stdout.write(`\n${formatFit(fitCaps(run.results)).join('\n')}\n`);
