import './common/require-node.ts';
import { availableParallelism, loadavg } from 'node:os';
import { table } from './bench/format.ts';
import { benchEngine, type EngineFigures, engines, operations } from './bench-dynamodb/run.ts';
import { parseArgsOrRefuse, refuseArgs } from './common/cli-args.ts';

// npm run bench:dynamodb: AWS's DynamoDB Local on disk (npm start), in memory, and as the tests share it.
const usage = 'usage: npm run bench:dynamodb -- [--calls N] [--starts N]';
const { values } = parseArgsOrRefuse(
  { options: { calls: { type: 'string', default: '300' }, starts: { type: 'string', default: '3' } } },
  usage,
);
const calls = Number(values.calls);
const starts = Number(values.starts);
if (!Number.isInteger(calls) || calls < 10)
  refuseArgs(`--calls must be a whole number from 10, got ${calls}`, usage);
if (!Number.isInteger(starts) || starts < 1)
  refuseArgs(`--starts must be a whole number from 1, got ${starts}`, usage);

const results: EngineFigures[] = [];
for (const engine of engines) results.push(await benchEngine(engine, starts, calls));

const ms = (n: number) => n.toFixed(1);
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
process.stdout.write(
  `Machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )} at the end (shared machines make these figures noisy)\n\nStart-up (to the first answer, fresh data directory, ${starts} starts each) and memory after the calls\n\n${table(
    ['engine', 'start ms (each)', 'start ms (median)', 'JVM RSS MiB'],
    results.map((r) => [
      r.engine,
      r.startMs.map((s) => s.toFixed(0)).join(' / '),
      (sorted(r.startMs)[Math.floor(r.startMs.length / 2)] ?? 0).toFixed(0),
      r.rssMiB.toFixed(0),
    ]),
  )}\n\nPer call, ${calls} sequential calls each after ${Math.ceil(calls / 5)} unmeasured, one client: p50 / p95 ms\n\n${table(
    ['engine', ...operations],
    results.map((r) => [
      r.engine,
      ...operations.map((op) => `${ms(r.calls[op].p50)} / ${ms(r.calls[op].p95)}`),
    ]),
  )}\n`,
);
