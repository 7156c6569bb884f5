import { createHash } from 'node:crypto';
import { runTower } from '../../../../bin/operator/cli.ts';
import type { Target } from '../../../../bin/operator/target.ts';
import { DynamoDocumentStore } from '../../../../lambdas/platform/stores/documents.ts';
import { invoicePdf, randomInvoiceSpec } from '../../../../lambdas/processes/invoice/samples/index.ts';
import type { LocalRuntime } from '../../../../local/runtime/runtime.ts';

export const operatorId = 'olivia@example.com';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tower <args>` in-process against the target, as the test operator. */
export async function tower(target: Target, ...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runTower(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { USER: operatorId },
    cwd: process.cwd(),
    target,
  });
  return { code, stdout, stderr };
}

/** Runs a `--json` command that must succeed and returns its parsed output. */
export async function towerJson<T>(target: Target, ...args: string[]): Promise<T> {
  const run = await tower(target, ...args, '--json');
  if (run.code !== 0) throw new Error(`tower ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** A one-line invoice: completes without approval. */
export const smallInvoice = (seed: string) =>
  invoicePdf(
    randomInvoiceSpec(seed, {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Consulting', quantity: 2, unitPriceCents: 45_000 }],
    }),
  );

/** An invoice large enough that the rules ask for approval. */
export const largeInvoice = (seed: string) =>
  invoicePdf(
    randomInvoiceSpec(seed, {
      language: 'en',
      currency: 'EUR',
      lineItems: [{ description: 'Servers', quantity: 4, unitPriceCents: 900_000 }],
    }),
  );

/** A document whose starter stopped after recording it: RECEIVED, no execution, as of `at`. */
export async function stalledDocument(runtime: LocalRuntime, name: string, at: Date): Promise<string> {
  const documentId = createHash('sha256').update(`stalled ${name} ${Math.random()}`).digest('hex');
  const store = new DynamoDocumentStore(
    runtime.clients.documents,
    runtime.names.table('documents'),
    runtime.names.table('audit'),
  );
  await store.create(
    {
      documentId,
      process: 'invoice',
      bucket: runtime.names.bucket,
      key: `invoices/${name}.pdf`,
      size: 1,
      receivedAt: at.toISOString(),
    },
    [],
    at,
  );
  return documentId;
}

/** Polls until `check` returns a value, or fails with `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
