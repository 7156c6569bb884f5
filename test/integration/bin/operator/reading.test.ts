import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRuntimeFile, writeRuntimeFile } from '../../../../bin/common/runtime-file.ts';
import { type Target, targetFromRuntime } from '../../../../bin/operator/target.ts';
import type { Timeline } from '../../../../bin/operator/timeline.ts';
import type { ChainCheck } from '../../../../bin/operator/verify.ts';
import type { AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import { type DocumentRecord, DynamoDocumentStore } from '../../../../lambdas/platform/stores/documents.ts';
import { startTestRuntime } from '../../support/runtime.ts';
import { largeInvoice, smallInvoice, stalledDocument, tower, towerJson } from './support.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('operator CLI: documents and timelines', () => {
  let t: Started;
  let target: Target;
  let completed: string;
  let awaiting: string;
  let stalledOld: string;
  let stalledNew: string;
  beforeAll(async () => {
    t = await startTestRuntime({ clockScale: 0.01 });
    target = targetFromRuntime(t.runtime);
    stalledOld = await stalledDocument(t.runtime, 'stalled-old', new Date(Date.now() - 3_600_000));
    stalledNew = await stalledDocument(t.runtime, 'stalled-new', new Date(Date.now() - 60_000));
    completed = await t.tools.drop('invoice', 'clean.pdf', await smallInvoice('operator-read-clean'));
    awaiting = await t.tools.drop('invoice', 'large.pdf', await largeInvoice('operator-read-large'));
    await t.tools.waitForEnd(completed, ['COMPLETED']);
    await t.tools.waitForStatus(awaiting, ['AWAITING_APPROVAL']);
  });
  afterAll(async () => t?.runtime.stop());

  it('lists documents that have not ended first, oldest first, then the ended ones', async () => {
    // Act
    const { documents } = await towerJson<{ documents: DocumentRecord[] }>(target, 'documents');
    // Assess
    const ids = documents.map((d) => d.documentId);
    expect(ids.slice(0, 3)).toEqual([stalledOld, stalledNew, awaiting]);
    expect(ids.indexOf(completed)).toBeGreaterThan(2);
    expect(documents.find((d) => d.documentId === completed)?.status).toBe('COMPLETED');
  });

  it.each([
    { args: ['--status', 'COMPLETED'], includes: 'completed', excludes: 'stalledOld' },
    { args: ['--older-than', '30m'], includes: 'stalledOld', excludes: 'stalledNew' },
    { args: ['--status', 'RECEIVED', '--limit', '1'], includes: 'stalledOld', excludes: 'stalledNew' },
  ] as const)('filters by $args', async ({ args, includes, excludes }) => {
    // Prepare
    const named: Record<string, string> = { completed, stalledOld, stalledNew };
    // Act
    const { documents } = await towerJson<{ documents: DocumentRecord[] }>(target, 'documents', ...args);
    // Assess
    const ids = documents.map((d) => d.documentId);
    expect(ids).toContain(named[includes]);
    expect(ids).not.toContain(named[excludes]);
  });

  it('shows a table people can read', async () => {
    // Act
    const run = await tower(target, 'documents', '--limit', '3');
    // Assess
    expect(run.code).toBe(0);
    const [header, first] = run.stdout.split('\n');
    expect(header).toMatch(/^STATUS\s+SINCE\s+PROCESS\s+DOCUMENT\s+KEY/);
    expect(first).toContain(stalledOld);
    expect(run.stdout).toContain('3 document(s): 3 not ended, 0 ended');
  });

  it("shows a document's audit trail, oldest first, and the states its execution went through", async () => {
    // Act
    const result = await towerJson<Timeline>(target, 'timeline', completed);
    const text = (await tower(target, 'timeline', completed)).stdout;
    // Assess
    expect(result.document).toMatchObject({ documentId: completed, status: 'COMPLETED' });
    const types = result.audit.map((e: AuditRecord) => e.type);
    expect(types[0]).toBe('DOCUMENT_RECEIVED');
    expect(types).toEqual(expect.arrayContaining(['EXTRACTED', 'SCORED', 'RULES_APPLIED', 'FINALIZED']));
    expect(result.audit.map((e) => e.at)).toEqual([...result.audit.map((e) => e.at)].sort());
    expect(result.audit.find((e) => e.type === 'FINALIZED')?.versions.workflow).toMatch(/^invoice@/);
    const [execution] = result.executions;
    expect(result.executions).toHaveLength(1);
    expect(execution?.status).toBe('SUCCEEDED');
    expect(execution?.states.map((s) => s.name)).toEqual([
      'Extract',
      'Score',
      'ApplyRules',
      'NeedsApproval',
      'Finalize',
    ]);
    expect(execution?.states.every((s) => typeof s.durationMs === 'number')).toBe(true);
    expect(text).toMatch(/Audit trail \(\d+ events, oldest first\): chain verified: \d+ events/);
    expect(text).toMatch(/system:finalize/);
    expect(text).toMatch(/Execution first \(invoice-[0-9a-f]{64}\): SUCCEEDED/);
  });

  it("verifies a document's audit hash chain, every event of its trail a link", async () => {
    // Act
    const run = await tower(target, 'verify', completed.slice(0, 12));
    const check = await towerJson<ChainCheck>(target, 'verify', completed);
    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(new RegExp(`^${completed}: chain verified: \\d+ events$`));
    expect(check.verdict).toEqual({ verified: check.events, unchained: 0 });
    expect(check.events).toBeGreaterThanOrEqual(8);
  });

  it('refuses a timeline of an unknown document with exit 1', async () => {
    // Act
    const run = await tower(target, 'timeline', '0'.repeat(64));
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no document');
  });

  it.each([
    { command: 'cancel', args: (id: string) => ['cancel', id] },
    { command: 'redrive', args: (id: string) => ['redrive', id] },
    { command: 'redrive-dlq', args: () => ['redrive-dlq', '--queue', 'intake'] },
  ])('refuses $command without --reason (exit 2) and changes nothing', async ({ args }) => {
    // Act
    const run = await tower(target, ...args(awaiting));
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--reason');
    expect((await t.tools.document(awaiting))?.status).toBe('AWAITING_APPROVAL');
  });

  it.each([
    [['documents', '--status', 'STUCK']],
    [['documents', '--older-than', 'ten minutes']],
    [['dlq', '--queue', 'outbox']],
    [['timeline']],
    [['launch']],
  ])('answers %j with exit 2', async (args) => {
    // Act
    const run = await tower(target, ...args);
    // Assess
    expect(run.code).toBe(2);
  });

  it('reaches a runtime in another process through its runtime.json (npm run tower)', async () => {
    // Prepare
    writeRuntimeFile(t.runtime);
    // Act
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'bin/tower.ts', 'documents', '--status', 'COMPLETED', '--local', t.runtime.dataDir, '--json'],
      { cwd: repoRoot, env: { ...process.env, USER: 'olivia' } },
    );
    // Assess
    const { documents } = JSON.parse(stdout) as { documents: DocumentRecord[] };
    expect(documents.map((d) => d.documentId)).toContain(completed);
  });

  it('takes the 12 characters of an id shown everywhere, or any unique prefix of 8 or more', async () => {
    // Act
    const twelve = await towerJson<Timeline>(target, 'timeline', completed.slice(0, 12));
    const eight = await towerJson<Timeline>(target, 'timeline', completed.slice(0, 8).toUpperCase());

    // Assess
    expect(twelve.document.documentId).toBe(completed);
    expect(eight.document.documentId).toBe(completed);
  });

  it('lists the documents an ambiguous prefix matches, and asks for 8 characters at least', async () => {
    // Prepare: two documents whose ids share their first 10 characters.
    const store = new DynamoDocumentStore(
      t.runtime.clients.documents,
      t.runtime.names.table('documents'),
      t.runtime.names.table('audit'),
    );
    const ids = ['1', '2'].map((n) => `0badc0ffee${n.repeat(54)}`);
    for (const documentId of ids)
      await store.create(
        {
          documentId,
          process: 'invoice',
          bucket: t.runtime.names.bucket,
          key: `invoices/prefix-${documentId.at(-1)}.pdf`,
          size: 1,
          receivedAt: new Date().toISOString(),
        },
        [],
      );

    // Act
    const ambiguous = await tower(target, 'timeline', '0badc0ffee');
    const tooShort = await tower(target, 'timeline', '0badc0f');
    const unique = await towerJson<Timeline>(target, 'timeline', '0badc0ffee2');

    // Assess
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('2 documents start with 0badc0ffee; give more of the id');
    for (const id of ids) expect(ambiguous.stderr).toContain(id);
    expect(ambiguous.stderr).toContain('invoices/prefix-1.pdf');
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toContain('give at least 8 characters');
    expect(unique.document.documentId).toBe(ids[1]);
  });

  it('finds with a bare --local a runtime started with another data directory', async () => {
    // Prepare: the runtime lists itself in a registry of its own; the CLI runs where no .tower is.
    const elsewhere = mkdtempSync(join(tmpdir(), 'tower-cwd-'));
    const registry = join(elsewhere, 'registry');
    writeRuntimeFile(t.runtime, 'us-east-1', registry);
    try {
      // Act
      const { stdout } = await promisify(execFile)(
        join(repoRoot, 'node_modules/.bin/tsx'),
        [join(repoRoot, 'bin/tower.ts'), 'documents', '--local', '--status', 'COMPLETED', '--json'],
        { cwd: elsewhere, env: { ...process.env, USER: 'olivia', TOWER_RUNTIMES: registry } },
      );

      // Assess
      const { documents } = JSON.parse(stdout) as { documents: DocumentRecord[] };
      expect(documents.map((d) => d.documentId)).toContain(completed);
    } finally {
      removeRuntimeFile(t.runtime.dataDir, registry);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
