import '../common/require-node.ts';
import { startLocalRuntime } from '../../local/runtime/runtime.ts';
import { absolutePath } from '../common/cli-args.ts';
import { faultsOf } from './child-faults.ts';
import { runtimeOptions } from './harness.ts';

/**
 * `npm start` for scenario 5, in a child process the parent can SIGKILL: the runtime on the data
 * directory given as the first argument (and fault rules as JSON in the second), with the reliability settings, announcing where it listens
 * (one `READY {json}` line on stdout) and what it found at start-up.
 */
const given = process.argv[2];
if (!given) {
  process.stderr.write('usage: child.ts <data-dir> [fault rules as JSON]\n');
  process.exit(2);
}
const dataDir = absolutePath(given);
const runtime = await startLocalRuntime(runtimeOptions({ dataDir, faults: faultsOf(process.argv[3]) }));
const ready = {
  pid: process.pid,
  endpoints: runtime.endpoints,
  queueUrls: Object.fromEntries(Object.entries(runtime.queues).map(([id, q]) => [id, q.url])),
  interrupted: runtime.interrupted.length,
  reannounced: runtime.reannounced,
  incompleteUploadsRemoved: runtime.incompleteUploadsRemoved,
};
process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
const stop = async () => {
  await runtime.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
