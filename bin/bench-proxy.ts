import './common/require-node.ts';
import { table } from './bench/format.ts';
import { runProxyBench } from './bench-proxy/run.ts';
import { parseArgsOrRefuse, refuseArgs } from './common/cli-args.ts';

// npm run bench:proxy: one large object through the local S3, straight and through the IAM proxy.
const usage = 'usage: npm run bench:proxy -- [--size-mib N]';
const { values } = parseArgsOrRefuse({ options: { 'size-mib': { type: 'string', default: '100' } } }, usage);
const size = Number(values['size-mib']);
if (!Number.isInteger(size) || size < 1)
  refuseArgs(`--size-mib must be a whole number from 1, got ${size}`, usage);

const figures = await runProxyBench(size);
process.stdout.write(
  `One ${size} MiB object put and read back, streamed, in one process (client, proxy, S3)\n\n`,
);
process.stdout.write(
  `${table(
    ['path', 'put s', 'get s', 'MiB/s (put+get)', 'RSS before MiB', 'RSS peak MiB', 'bytes intact'],
    figures.map((f) => [
      f.path,
      f.putSeconds.toFixed(2),
      f.getSeconds.toFixed(2),
      ((2 * size) / (f.putSeconds + f.getSeconds)).toFixed(0),
      f.rssBeforeMiB.toFixed(0),
      f.rssPeakMiB.toFixed(0),
      f.intact ? 'yes' : 'NO',
    ]),
  )}\n`,
);
process.exit(figures.every((f) => f.intact) ? 0 : 1);
