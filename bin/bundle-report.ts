/**
 * Bundle report: for each registry function, the size and cold module-load time of its bundle (built with
 * the shared esbuild settings), beside the same for a bundle of only the bare AWS SDK clients it imports.
 * The difference is what the function's own code and other dependencies cost.
 *
 * Usage: npm run bundle-report [-- --runs=5]
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../lambdas/platform/registry/bundling.ts';
import type { CatalogFunction } from '../lambdas/platform/registry/catalog.ts';
import { functionEnvironment } from '../lambdas/platform/registry/environment.ts';
import { towerCatalog } from '../lambdas/platform/tower-catalog.ts';
import { processes } from '../lambdas/processes/index.ts';
import { parseConfig } from '../lib/config/index.ts';
import { entryPath } from '../lib/constructs/tower-function.ts';
import { localDeployed } from '../local/runtime/deployed.ts';
import { localNames } from '../local/runtime/resources.ts';

const catalog = towerCatalog(processes);

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.split('=')[1] ?? 5);

interface Measure {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median of `runs` imports, each in a fresh node process; or why the import failed. */
  readonly loadMs: number | string;
}

const shared: BuildOptions = {
  ...esbuildOptions(),
  metafile: true,
  logLevel: 'silent',
};

/** Stand-in values, so module-scope code that reads the environment can load (nothing is called). */
const standIn = localDeployed({
  region: 'us-east-1',
  names: localNames('us-east-1'),
  config: parseConfig({ senderAddress: 'report@example.com' }, processes),
  catalog,
  queue: (id) => ({
    url: `https://sqs.us-east-1.amazonaws.com/000000000000/${id}`,
    arn: `arn:aws:sqs:us-east-1:000000000000:${id}`,
  }),
  outputs: new Map([
    ['human-step/url', 'https://example.com/v1/'],
    ...catalog.queues.flatMap((q) => [
      [`textract/topic:${q.id}`, 'arn:aws:sns:us-east-1:000000000000:report'] as const,
      [`textract/role:${q.id}`, 'arn:aws:iam::000000000000:role/report'] as const,
    ]),
  ]),
});

function environmentFor(spec: CatalogFunction): Record<string, string> {
  return { ...functionEnvironment(spec, standIn), AWS_REGION: 'us-east-1' };
}

/** Imports a bundle in a fresh node process and returns the import's duration in ms. */
function loadOnce(file: string, env: Record<string, string>): number | string {
  const script =
    'const t = performance.now();' +
    `try { await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(JSON.stringify({ ms: performance.now() - t })); }` +
    'catch (e) { console.log(JSON.stringify({ error: e?.name ?? "Error" })); }';
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    const result = JSON.parse(line) as { ms?: number; error?: string };
    return result.ms ?? `import failed (${result.error})`;
  } catch {
    return `import failed (exit ${child.status})`;
  }
}

function measure(file: string, env: Record<string, string>): Measure {
  const code = readFileSync(file);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = loadOnce(file, env);
    if (typeof ms === 'string') return { bytes: code.length, gzipBytes: gzipSync(code).length, loadMs: ms };
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    loadMs: times[Math.floor(times.length / 2)] ?? 0,
  };
}

/** The `@aws-sdk/client-*` packages a bundle pulled in, from its metafile. */
function sdkClients(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\//.exec(input);
    if (match?.[1]) found.add(match[1]);
  }
  return [...found].sort();
}

/** A bundle that only constructs each client, as the handlers' shared clients do. */
async function sdkOnlyBundle(packages: readonly string[], dir: string): Promise<string> {
  const lines: string[] = [];
  for (const [i, pkg] of packages.entries()) {
    const exported = Object.keys(await import(pkg)).find((name) => /^[A-Za-z0-9]+Client$/.test(name));
    if (!exported) throw new Error(`${pkg} exports no client class`);
    lines.push(`import { ${exported} as C${i} } from '${pkg}';`, `export const c${i} = new C${i}({});`);
  }
  const outfile = join(dir, 'sdk-only.mjs');
  await build({
    ...shared,
    stdin: { contents: lines.join('\n'), resolveDir: projectRoot, sourcefile: 'sdk-only.ts', loader: 'ts' },
    outfile,
  });
  return outfile;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (value: number | string) => (typeof value === 'number' ? value.toFixed(0) : value);

async function report(spec: CatalogFunction, dir: string): Promise<string[]> {
  const entry = entryPath(spec);
  if (!existsSync(entry)) return [spec.id, 'missing', '', '', '', '', '', ''];
  const outfile = join(dir, spec.id, 'index.mjs');
  const result = await build({ ...shared, entryPoints: [entry], outfile });
  const env = environmentFor(spec);
  const own = measure(outfile, env);
  const clients = sdkClients(result.metafile ?? { inputs: {}, outputs: {} });
  const sdk = clients.length > 0 ? measure(await sdkOnlyBundle(clients, join(dir, spec.id)), env) : undefined;
  return [
    spec.id,
    kib(own.bytes),
    kib(own.gzipBytes),
    ms(own.loadMs),
    clients.map((c) => c.replace('@aws-sdk/client-', '')).join(',') || '-',
    sdk ? kib(sdk.bytes) : '-',
    sdk ? kib(sdk.gzipBytes) : '-',
    sdk ? ms(sdk.loadMs) : '-',
  ];
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ')).join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'tower-bundles-'));
try {
  const header = [
    'function',
    'KiB',
    'gzip KiB',
    'load ms',
    'SDK clients',
    'SDK KiB',
    'SDK gzip',
    'SDK load ms',
  ];
  const rows = [header];
  for (const spec of catalog.functions) rows.push(await report(spec, dir));
  console.log(table(rows));
  console.log(`\nload ms: median of ${runs} imports, each in a fresh node ${process.version} process.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
