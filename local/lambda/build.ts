import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundling, esbuildOptions } from '../../lambdas/platform/registry/bundling.ts';
import type { FunctionSpec } from '../../lambdas/platform/registry/functions.ts';

/** Bundles one function exactly as CDK's NodejsFunction does (the shared settings), to `<outDir>/<id>/index.mjs`. */
export async function buildFunction(spec: FunctionSpec, outDir: string): Promise<string> {
  const dir = join(outDir, spec.id);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');
  await build({
    entryPoints: [spec.entry],
    outfile,
    ...esbuildOptions(),
    logLevel: 'error',
  });
  return outfile;
}

/** Bundles the worker that hosts a function (no TypeScript loader needed at run time). */
export async function buildWorker(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'lambda-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: bundling.target,
    logLevel: 'error',
  });
  return outfile;
}
