import './local/sdk-node20-notice.ts';
import { overheadThroughRuntime } from './local/bench/overhead.ts';
import { startLocalRuntime } from './local/runtime.ts';
import { processes } from './statemachines/processes.ts';
const invoice = processes.find((p) => p.id === 'invoice')!;
const runtime = await startLocalRuntime({ queueVisibilityTimeoutSeconds: 5, context: { processes: { invoice: { approval: { approvers: ['a@example.com', 'b@example.com'], minDwellSeconds: 0 } } } } });
const rates: number[] = [];
for (let i = 0; i < 3; i++) { const r = await overheadThroughRuntime(runtime, invoice, { count: 600, concurrency: 8 }); rates.push(Math.round((r as any).executionsPerSecond ?? (r as any).perSecond ?? 0)); console.log(JSON.stringify(r).slice(0, 300)); }
await runtime.stop();
process.exit(0);
