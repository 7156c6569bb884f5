import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { isTerminal } from '../../lambdas/platform/shared/status.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import { processes } from '../../lambdas/processes/index.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { queueDepth, scanTable, type Target } from './evidence.ts';
import type { Expectation, ScenarioContext } from './types.ts';
import type { DropFile } from './workload.ts';

export const submitter = 'reliability@tower.local';

/** The judge's view of an in-process runtime. */
export function targetOf(runtime: LocalRuntime): Target {
  return {
    clients: runtime.clients,
    table: runtime.names.table,
    bucket: runtime.names.bucket,
    queueUrls: Object.fromEntries(Object.entries(runtime.queues).map(([id, q]) => [id, q.url])) as Record<
      QueueId,
      string
    >,
    dataDir: runtime.dataDir,
    mailbox: runtime.mailbox,
  };
}

export const invoicePrefix = processes.find((p) => p.id === 'invoice')?.intakePrefix ?? 'intake/invoice/';

/** One upload into the invoice intake, as an operator would; resolves when S3 has it. */
export async function drop(target: Target, fileName: string, body: Uint8Array): Promise<void> {
  await target.clients.s3.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: `${invoicePrefix}${fileName}`,
      Body: body,
      Metadata: { 'submitted-by': submitter },
    }),
  );
}

/** Runs `work` on every item with at most `concurrency` in flight; errors are collected, not thrown. */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index).catch((error: unknown) => {
        errors.push(error);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return errors;
}

/** What `dropAll` did: when each document's first accepted upload began, and what S3 refused. */
export interface Dropped {
  readonly started: number;
  readonly droppedAt: ReadonlyMap<string, number>;
  readonly refused: readonly DropFile[];
}

/** Uploads every file, `concurrency` at a time; a refused upload is reported, not thrown. */
export async function dropAll(
  target: Target,
  files: readonly DropFile[],
  concurrency = 16,
): Promise<Dropped> {
  const started = Date.now();
  const droppedAt = new Map<string, number>();
  const refused: DropFile[] = [];
  await inPool(files, concurrency, async (f) => {
    const at = Date.now();
    try {
      await drop(target, f.fileName, f.body);
      if (!droppedAt.has(f.documentId)) droppedAt.set(f.documentId, at);
    } catch {
      refused.push(f);
    }
  });
  return { started, droppedAt, refused };
}

/** One expectation per file S3 accepted, meant to settle in one of `statuses`. */
export function expectDropped(
  files: readonly DropFile[],
  dropped: Dropped,
  expected: (file: DropFile) => Pick<Expectation, 'statuses' | 'quarantined'>,
): Expectation[] {
  return files.flatMap((f) => {
    const droppedAt = dropped.droppedAt.get(f.documentId);
    return droppedAt === undefined
      ? []
      : [{ documentId: f.documentId, label: f.label, droppedAt, ...expected(f) }];
  });
}

/**
 * `waitUntilSettled` with a planned time of three minutes plus `msPerDocument` for each expected document;
 * past it, the wait goes on while documents keep settling (a slower machine is not a lost document).
 */
export function settle(
  target: Target,
  expectations: () => readonly Expectation[],
  context: ScenarioContext,
  started: number,
  msPerDocument: number,
): Promise<void> {
  return waitUntilSettled(target, expectations, {
    deadline: started + 180_000 + expectations().length * msPerDocument,
    log: context.log,
    pollMs: context.scale === 'full' ? 5000 : 1000,
    stallMs: context.scale === 'full' ? 300_000 : 90_000,
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the document sits where it may stay: terminal, or a waiting status it is expected to reach. */
export function isSettled(record: DocumentRecord | undefined, expectation: Expectation): boolean {
  return record !== undefined && (isTerminal(record.status) || expectation.statuses.includes(record.status));
}

export interface SettleOptions {
  readonly deadline: number;
  readonly log: (line: string) => void;
  readonly pollMs?: number;
  readonly quietMs?: number;
  /** Past the deadline, how long the wait goes on without one more document settling. @default 0 (stop at the deadline) */
  readonly stallMs?: number;
}

/**
 * Waits until every expected document is settled (read from the documents table) or the deadline
 * passes (and, with `stallMs`, settling has stalled), then until the queues are empty, so late
 * duplicates have had their chance to do harm.
 */
export async function waitUntilSettled(
  target: Target,
  expectations: () => readonly Expectation[],
  options: SettleOptions,
): Promise<void> {
  let lastLog = 0;
  const progress = { settled: -1, at: Date.now() };
  for (;;) {
    const records = new Map(
      (await scanTable<DocumentRecord>(target, 'documents').catch(() => [])).map((d) => [d.documentId, d]),
    );
    const wanted = expectations();
    const open = wanted.filter((e) => !isSettled(records.get(e.documentId), e)).length;
    if (Date.now() - lastLog > 15_000) {
      options.log(`${wanted.length - open}/${wanted.length} settled`);
      lastLog = Date.now();
    }
    if (wanted.length - open > progress.settled)
      Object.assign(progress, { settled: wanted.length - open, at: Date.now() });
    if (open === 0 || pastDeadline(options, progress.at)) break;
    await sleep(options.pollMs ?? 2000);
  }
  // Let redelivered events and in-flight retries run out before the evidence is read.
  const quietUntil = Date.now() + (options.quietMs ?? 60_000);
  await sleep(3000);
  while (Date.now() < quietUntil) {
    const depths = await Promise.all(
      (['intake', 'extraction'] as const).map((q) => queueDepth(target, q).catch(() => 0)),
    );
    if (depths.every((d) => d === 0)) break;
    await sleep(1000);
  }
}

/** Past the deadline, and (with `stallMs`) no document settled for that long. */
export function pastDeadline(options: SettleOptions, lastProgressAt: number, now = Date.now()): boolean {
  return now > options.deadline && now - lastProgressAt > (options.stallMs ?? 0);
}
