import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import type { TableId } from '../../lambdas/platform/registry/tables.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { registerRuntime, registryDir, unregisterRuntime } from './runtime-registry.ts';

/** Where a running `npm start` can be reached, for tools in other processes (the operator CLI). */
export interface RuntimeFile {
  readonly pid: number;
  readonly region: string;
  readonly endpoints: LocalRuntime['endpoints'];
  /** Every table by catalog id; the platform's are always there. */
  readonly tables: Readonly<Record<TableId, string>> & { readonly documents: string; readonly audit: string };
  readonly bucket: string;
  readonly queues: Readonly<Record<QueueId, { readonly url: string; readonly dlqUrl: string }>>;
  readonly stateMachines: Readonly<Record<string, string>>;
  /** Every process's human-step policy by id, as the functions get them (the `tasks` command reads groups). */
  readonly approvalPolicies?: Readonly<Record<string, unknown>>;
}

const fileName = 'runtime.json';

/**
 * Writes `<dataDir>/runtime.json` and lists the runtime in this user's registry, so `tower --local`
 * finds it whatever its data directory. A registry it may not use is said once, and skipped.
 */
export function writeRuntimeFile(
  runtime: LocalRuntime,
  region = 'us-east-1',
  registry = registryDir(),
): string {
  const file: RuntimeFile = {
    pid: process.pid,
    region,
    endpoints: runtime.endpoints,
    tables: {
      ...Object.fromEntries(runtime.catalog.tables.map((t) => [t.id, runtime.names.table(t.id)])),
      documents: runtime.names.table('documents'),
      audit: runtime.names.table('audit'),
    },
    bucket: runtime.names.bucket,
    queues: Object.fromEntries(
      Object.entries(runtime.queues).map(([id, q]) => [id, { url: q.url, dlqUrl: q.dlqUrl }]),
    ) as RuntimeFile['queues'],
    stateMachines: Object.fromEntries(
      runtime.catalog.processes.map((p) => [p.id, runtime.names.stateMachineArn(p.id)]),
    ),
    approvalPolicies: Object.fromEntries(
      Object.entries(runtime.config.processes).map(([id, p]) => [id, p.approval]),
    ),
  };
  const path = join(runtime.dataDir, fileName);
  writeFileSync(path, JSON.stringify(file, null, 2));
  try {
    registerRuntime(runtime.dataDir, registry);
  } catch (error) {
    process.stderr.write(
      `Note: tower --local will need --local ${runtime.dataDir}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  return path;
}

export function readRuntimeFile(dataDir: string): RuntimeFile | undefined {
  const path = join(dataDir, fileName);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RuntimeFile) : undefined;
}

export function removeRuntimeFile(dataDir: string, registry = registryDir()): void {
  unregisterRuntime(dataDir, registry);
  rmSync(join(dataDir, fileName), { force: true });
}
