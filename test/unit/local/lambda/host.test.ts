import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker } from '../../../../local/lambda/build.ts';
import { LambdaHost } from '../../../../local/lambda/host.ts';
import type { EnvironmentFailure, LocalFunction } from '../../../../local/lambda/invocation.ts';
import { describeFailure, FunctionStartError } from '../../../../local/lambda/start-check.ts';

// Lambda's Node.js runtime names init failures Runtime.ImportModuleError (a module not found),
// Runtime.UserCodeSyntaxError and Runtime.HandlerNotFound, or by what the module threw
// (AWS Lambda Developer Guide, "Troubleshoot invocation issues in Lambda"; Knowledge Center
// "lambda-import-module-error-nodejs").

describe('LambdaHost: environments that cannot start', () => {
  let dir: string;
  let workerPath: string;
  const fn = (id: string, file: string): LocalFunction => ({
    id,
    name: `tower-test-${id}`,
    bundlePath: join(dir, file),
    environment: {},
    timeoutSeconds: 5,
    memoryMb: 128,
    concurrency: 2,
  });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tower-host-'));
    workerPath = await buildWorker(join(dir, 'build'));
    writeFileSync(join(dir, 'ok.mjs'), 'export const handler = async (event) => ({ echo: event });\n');
    writeFileSync(
      join(dir, 'throws.mjs'),
      "class ConfigError extends Error { name = 'ConfigError' }\nthrow new ConfigError('APPROVAL_POLICY is not set');\n",
    );
    writeFileSync(join(dir, 'no-handler.mjs'), 'export const main = async () => 1;\n');
    writeFileSync(join(dir, 'syntax.mjs'), 'export const handler = async () => {;\n');
    writeFileSync(
      join(dir, 'slow.mjs'),
      'export const handler = () => new Promise((resolve) => setTimeout(resolve, 3000));\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a relative worker path, which Node would refuse at the first invocation (ERR_WORKER_PATH)', () => {
    // Act / Assess
    expect(() => new LambdaHost([], '.tower/build/lambda-worker.mjs', join(dir, 'logs'))).toThrow(
      /must be absolute, got \.tower\/build\/lambda-worker\.mjs/,
    );
  });

  it('reports every function whose module cannot load at the start-up check, by name and error', async () => {
    // Prepare
    const host = new LambdaHost(
      [
        fn('ok', 'ok.mjs'),
        fn('missing', 'missing.mjs'),
        fn('throws', 'throws.mjs'),
        fn('no-handler', 'no-handler.mjs'),
        fn('syntax', 'syntax.mjs'),
      ],
      workerPath,
      join(dir, 'logs'),
    );
    // Act
    const failures = await host.verify();
    await host.stop();
    // Assess
    const byId = Object.fromEntries(failures.map((f) => [f.functionId, f]));
    expect(Object.keys(byId).sort()).toEqual(['missing', 'no-handler', 'syntax', 'throws']);
    expect(byId.missing?.errorType).toBe('Runtime.ImportModuleError');
    expect(byId.throws).toMatchObject({
      errorType: 'ConfigError',
      errorMessage: 'APPROVAL_POLICY is not set',
      phase: 'init',
    });
    expect(byId['no-handler']?.errorType).toBe('Runtime.HandlerNotFound');
    expect(byId.syntax?.errorType).toBe('Runtime.UserCodeSyntaxError');
    const error = new FunctionStartError(failures);
    expect(error.message).toContain(
      'tower-test-throws: the environment failed to load its module: ConfigError: APPROVAL_POLICY is not set',
    );
  });

  it('keeps the first invocation after the check a cold start', async () => {
    // Prepare
    const host = new LambdaHost([fn('ok', 'ok.mjs')], workerPath, join(dir, 'logs'));
    expect(await host.verify()).toEqual([]);
    // Act
    const result = await host.invoke('tower-test-ok', { n: 1 });
    await host.stop();
    // Assess
    expect(result).toEqual({ ok: true, payload: { echo: { n: 1 } } });
    expect(host.invocations.map((i) => i.cold)).toEqual([true]);
  });

  it('answers an invocation whose environment cannot load with Lambda’s error and reports it, every time', async () => {
    // Prepare
    const host = new LambdaHost([fn('throws', 'throws.mjs')], workerPath, join(dir, 'logs'));
    const seen: EnvironmentFailure[] = [];
    host.onEnvironmentFailure((f) => seen.push(f));
    // Act
    const first = await host.invoke('tower-test-throws', {});
    const second = await host.invoke('tower-test-throws', {});
    await host.stop();
    // Assess
    for (const result of [first, second])
      expect(result).toMatchObject({
        ok: false,
        error: { errorType: 'ConfigError', errorMessage: 'APPROVAL_POLICY is not set' },
      });
    expect(seen).toHaveLength(2);
    expect(describeFailure(seen[0] as EnvironmentFailure)).toMatch(
      /^tower-test-throws: the environment failed to load its module/,
    );
  });

  it('reports no failure for environments it stops itself, an invocation in flight included', async () => {
    // Prepare
    const host = new LambdaHost([fn('slow', 'slow.mjs')], workerPath, join(dir, 'logs'));
    const seen: EnvironmentFailure[] = [];
    host.onEnvironmentFailure((f) => seen.push(f));
    const inFlight = host.invoke('tower-test-slow', {});
    await new Promise((r) => setTimeout(r, 200));
    // Act
    await host.stop();
    // Assess
    expect((await inFlight).ok).toBe(false);
    expect(seen).toEqual([]);
  });

  it('starts no environment once stopped: invocations waiting for one end at once, refused', async () => {
    // Prepare: two environments busy (concurrency 2), two invocations waiting for one
    const host = new LambdaHost([fn('slow', 'slow.mjs')], workerPath, join(dir, 'logs'));
    const invocations = [1, 2, 3, 4].map((n) => host.invoke('tower-test-slow', { n }));
    await new Promise((r) => setTimeout(r, 200));
    // Act
    await host.stop();
    const results = await Promise.all(invocations);
    // Assess: the two in flight were stopped, the two waiting never ran
    expect(results.slice(2)).toEqual([
      { ok: false, error: { errorType: 'Local.HostStopped', errorMessage: 'the local runtime is stopping' } },
      { ok: false, error: { errorType: 'Local.HostStopped', errorMessage: 'the local runtime is stopping' } },
    ]);
    expect(results.every((r) => !r.ok)).toBe(true);
  });

  it('answers, never throws, when the worker itself cannot start', async () => {
    // Prepare: the worker bundle is gone (a data directory cleaned under a running runtime)
    const host = new LambdaHost([fn('ok', 'ok.mjs')], join(dir, 'gone', 'worker.mjs'), join(dir, 'logs'));
    const seen: EnvironmentFailure[] = [];
    host.onEnvironmentFailure((f) => seen.push(f));
    // Act
    const result = await host.invoke('tower-test-ok', {});
    await host.stop();
    // Assess
    expect(result.ok).toBe(false);
    expect(seen.map((f) => f.functionId)).toEqual(['ok']);
  });
});
