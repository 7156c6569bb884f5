import './common/require-node.ts';
import { formatReport } from './bench/format.ts';
import { BenchUsageError, benchUsage, parseBenchArgs } from './bench/options.ts';
import { runBench } from './bench/run.ts';

// npm run bench: throughput, latency, transitions and orchestration overhead of the local runtime.

let options: ReturnType<typeof parseBenchArgs>;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`${error.message}\n${benchUsage}\n`);
  process.exit(2);
}

const report = await runBench(options, (line) => process.stderr.write(`bench: ${line}\n`));
process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
const lost = report.endToEnd.lost;
if (lost.length > 0) {
  process.stderr.write(
    `bench: ${lost.length} document(s) lost: ${lost.map((l) => `${l.fileName} (${l.lastStatus})`).join(', ')}\n`,
  );
}
if (report.overheadError) process.stderr.write(`bench: overhead not measured: ${report.overheadError}\n`);
// Worker threads and emulator sockets may linger after stop; the report is out, so leave now.
process.exit(lost.length > 0 || report.overheadError ? 1 : 0);
