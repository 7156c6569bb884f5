import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { inspect } from '../../../bin/common/inspect.ts';
import { startConsole } from '../../../bin/console/server.ts';
import { capabilities } from '../../../lambdas/platform/capabilities.ts';
import { processes } from '../../../lambdas/processes/index.ts';
import { invoicePdf, randomInvoiceSpec } from '../../../lambdas/processes/invoice/samples/index.ts';
import type { DeployOptions } from '../../../local/lambda/deploy.ts';
import { FunctionStartError } from '../../../local/lambda/start-check.ts';
import { DataDirInUseError } from '../../../local/runtime/data-dir-lock.ts';
import { startLocalRuntime } from '../../../local/runtime/runtime.ts';
import { sharedDynamoDb } from '../../support/shared-dynamodb.ts';
import { testContext } from '../support/runtime.ts';

// One function's bundle can be swapped for a broken module, to show what a broken deployment does.
const broken = vi.hoisted(() => ({ functionId: undefined as string | undefined, module: '' }));
vi.mock('../../../local/lambda/deploy.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../local/lambda/deploy.ts')>();
  return {
    deployFunctions: async (options: DeployOptions) => {
      const deployed = await real.deployFunctions(options);
      if (broken.functionId === undefined) return deployed;
      const path = join(options.buildDir, 'broken.mjs');
      writeFileSync(path, broken.module);
      return {
        ...deployed,
        functions: deployed.functions.map((f) =>
          f.id === broken.functionId ? { ...f, bundlePath: path } : f,
        ),
      };
    },
  };
});

// The tables on the project's shared DynamoDB Local, keyed on the data directory (as a restart finds them).
const optionsFor = (dataDir: string) => ({
  capabilities,
  processes,
  dataDir,
  context: testContext,
  sharedDynamoDb: sharedDynamoDb(),
});
const settled = ['COMPLETED', 'FAILED', 'REJECTED_INPUT', 'AWAITING_APPROVAL'] as const;
const clean = (seed: string) =>
  invoicePdf(
    randomInvoiceSpec(seed, {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Consulting', quantity: 1, unitPriceCents: 40_000 }],
    }),
  );

describe('the local runtime on any data directory', () => {
  const created: string[] = [];
  afterAll(() => {
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
  });

  it('processes a document with a relative data directory (no ./), resolved once to an absolute path', async () => {
    // Prepare: a relative path like the default `.tower`, which Node refuses for a worker script as is
    const absolute = join(process.cwd(), 'node_modules', '.cache', `tower-relative-${process.pid}`);
    created.push(absolute);
    const given = relative(process.cwd(), absolute);
    expect(given.startsWith('.')).toBe(false);
    // Act
    const runtime = await startLocalRuntime(optionsFor(given));
    try {
      const id = await inspect(runtime).drop('invoice', 'relative.pdf', await clean('data-dir-relative'));
      const doc = await inspect(runtime).waitForStatus(id, settled);
      // Assess
      expect(doc.status).toBe('COMPLETED');
      expect(isAbsolute(runtime.dataDir)).toBe(true);
      expect(runtime.dataDir).toBe(absolute);
      expect(readdirSync(join(absolute, 'logs'))).toContain('start-execution.log');
    } finally {
      await runtime.stop();
    }
  });

  it('processes a document with spaces and unicode in the data directory’s path', async () => {
    // Prepare
    const parent = mkdtempSync(join(tmpdir(), 'tower data '));
    created.push(parent);
    const dataDir = join(parent, 'Données de test ü ✓ 請求書');
    // Act
    const runtime = await startLocalRuntime(optionsFor(dataDir));
    try {
      const id = await inspect(runtime).drop('invoice', 'unicode.pdf', await clean('data-dir-unicode'));
      const doc = await inspect(runtime).waitForStatus(id, settled);
      // Assess
      expect(doc.status).toBe('COMPLETED');
      expect(existsSync(join(dataDir, 'build', 'lambda-worker.mjs'))).toBe(true);
      expect(readdirSync(join(dataDir, 'logs'))).toContain('finalize.log');
    } finally {
      await runtime.stop();
    }
  });

  it('refuses a second runtime on a data directory in use, and takes over one a killed runtime left', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'tower-in-use-'));
    created.push(dataDir);
    const first = await startLocalRuntime(optionsFor(dataDir));
    try {
      // Act
      const second = startLocalRuntime(optionsFor(dataDir));
      // Assess
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(second).rejects.toThrow(
        new RegExp(`in use by another Tower runtime \\(pid ${process.pid}, since`),
      );
    } finally {
      await first.stop();
    }
    // A lock whose process is gone (kill -9) is stale: the next start takes the directory.
    writeFileSync(
      join(dataDir, 'runtime.lock'),
      `${JSON.stringify({ pid: 2 ** 22 + 17, since: 'earlier' })}\n`,
    );
    const restarted = await startLocalRuntime(optionsFor(dataDir));
    await restarted.stop();
    expect(existsSync(join(dataDir, 'runtime.lock'))).toBe(false);
  });

  it('refuses to start when a function’s module cannot load, naming the function and the error', async () => {
    // Prepare
    broken.functionId = 'score';
    broken.module = "throw new Error('MODEL_ARTIFACT is unreadable');\n";
    const dataDir = mkdtempSync(join(tmpdir(), 'tower-broken-'));
    created.push(dataDir);
    // Act
    const started = startLocalRuntime(optionsFor(dataDir));
    // Assess
    await expect(started).rejects.toBeInstanceOf(FunctionStartError);
    await expect(started).rejects.toThrow(
      /tower-local-score: the environment failed to load its module: Error: MODEL_ARTIFACT is unreadable/,
    );
    broken.functionId = undefined;
  });

  it('ends a document FAILED with the cause when a function breaks while running, and pauses intake', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'tower-breaks-'));
    created.push(dataDir);
    const runtime = await startLocalRuntime(optionsFor(dataDir));
    try {
      const tools = inspect(runtime);
      const score = runtime.lambda.functions.find((f) => f.id === 'score');
      // The start-up check passed; now the deployed bundle is replaced by one that throws at load.
      writeFileSync(score?.bundlePath ?? '', "throw new Error('the model artifact went missing');\n");
      // Act
      const id = await tools.drop('invoice', 'breaks.pdf', await clean('data-dir-breaks'));
      const doc = await tools.waitForStatus(id, settled);
      // Assess
      expect(doc.status).toBe('FAILED');
      expect(doc.statusReason).toMatch(/the model artifact went missing/);
      const health = runtime.health();
      expect(health.acceptingWork).toBe(false);
      expect(health.environmentFailures[0]).toMatchObject({
        functionName: 'tower-local-score',
        phase: 'init',
      });
      await vi.waitFor(() => expect(runtime.intake.isRunning).toBe(false));
      const consoleServer = await startConsole(runtime);
      const shown = (await (await fetch(`${consoleServer.url}/api/health`)).json()) as typeof health;
      await consoleServer.close();
      expect(shown.acceptingWork).toBe(false);
      expect(shown.environmentFailures[0]?.errorMessage).toMatch(/the model artifact went missing/);
    } finally {
      await runtime.stop();
    }
  });
});
