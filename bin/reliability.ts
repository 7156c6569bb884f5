import './common/require-node.ts';
import { failed, formatRows } from './reliability/format.ts';
import { parseReliabilityArgs, ReliabilityUsageError, reliabilityUsage } from './reliability/options.ts';
import { runReliability, scenarios } from './reliability/run.ts';

// npm run reliability: nothing lost, nothing twice, under load, faults and bad input.

let options: ReturnType<typeof parseReliabilityArgs>;
try {
  options = parseReliabilityArgs(
    process.argv.slice(2),
    scenarios.map((s) => s.id),
  );
} catch (error) {
  if (!(error instanceof ReliabilityUsageError)) throw error;
  process.stderr.write(`${error.message}\n${reliabilityUsage}\n`);
  process.exit(2);
}

const { rows, wallMs } = await runReliability(options, (line) =>
  process.stderr.write(`reliability: ${line}\n`),
);
process.stdout.write(
  `${options.json ? JSON.stringify({ scale: options.scale, rows, wallMs }, null, 2) : formatRows(rows, wallMs)}\n`,
);
// Worker threads and emulator sockets may linger after stop; the report is out, so leave now.
process.exit(failed(rows) ? 1 : 0);
