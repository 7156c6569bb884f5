import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { generateDefinition } from '../../statemachines/generated.ts';
import { permitsProcess } from '../processes/permits/process.ts';
import { decide, open } from './support/approval-page.ts';
import { startTestRuntime, testContext } from './support/runtime.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const processFolder = 'test/processes/permits/';
/** The files that know the permits process: its own folder, and the tests that register it. */
const registeringTests = ['test/integration/second-process.test.ts', 'test/infra/second-process.test.ts'];

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

/** Every source and documentation file of the repository, as a path from its root. */
function repositoryFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', '.git', 'cdk.out', '.tower', 'inbox'].includes(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return repositoryFiles(path);
    return /\.(ts|json|md|mjs|js|html|css)$/.test(name) && name !== 'package-lock.json'
      ? [relative(root, path)]
      : [];
  });
}

describe('a second process defined only under test/', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({
      clockScale: 0.01,
      processes: [...processes, permitsProcess],
      context: {
        processes: {
          ...testContext.processes,
          permits: {
            approval: { approvers: ['clerk@permits.example'], minDwellSeconds: 1, identity: 'link' },
          },
        },
      },
    });
  });
  afterAll(async () => t?.runtime.stop());

  it('needed no file outside its folder but the list that registers it (here, the test)', () => {
    // Act: who names the process, its function or its intake, besides its own folder and its tests?
    const naming = repositoryFiles().filter((file) => {
      if (file.startsWith(processFolder) || registeringTests.includes(file)) return false;
      return /permits/.test(readFileSync(join(root, file), 'utf8'));
    });

    // Assess
    expect(naming).toEqual([]);
  });

  it('checks in its ASL as its workflow source generates it', () => {
    const checkedIn = JSON.parse(readFileSync(permitsProcess.definitionPath, 'utf8')) as unknown;
    expect(checkedIn).toEqual(
      generateDefinition(permitsProcess.definitionPath.replace('.asl.json', '.workflow.json')),
    );
  });

  it('makes the same bytes dropped into both intakes two documents, each run by its own process', async () => {
    // Prepare
    const pdf = await invoicePdf(
      randomInvoiceSpec('second-process-same-bytes', {
        language: 'en',
        currency: 'EUR',
        lineItems: [{ description: 'Consulting', quantity: 1, unitPriceCents: 40_000 }],
      }),
    );

    // Act
    const invoiceId = await t.tools.drop('invoice', 'same.pdf', pdf);
    const permitId = await t.tools.drop('permits', 'same.pdf', pdf);

    // Assess
    const hash = sha256Hex(pdf);
    expect(invoiceId).toBe(documentIdOf('invoice', hash));
    expect(permitId).toBe(documentIdOf('permits', hash));
    expect(invoiceId).not.toBe(permitId);
    const invoice = await t.tools.waitForStatus(invoiceId, ['COMPLETED', 'FAILED', 'AWAITING_APPROVAL']);
    const permit = await t.tools.waitForStatus(permitId, ['AWAITING_APPROVAL', 'FAILED', 'COMPLETED']);
    expect({ invoice: invoice.status, permit: permit.status }).toEqual({
      invoice: 'COMPLETED',
      permit: 'AWAITING_APPROVAL',
    });
    expect([invoice.process, permit.process]).toEqual(['invoice', 'permits']);
    expect(permit.contentSha256).toBe(hash);
    // The same file again in the same intake is the same document: one execution, as before.
    expect(await t.tools.drop('permits', 'same-again.pdf', pdf)).toBe(permitId);
  });

  it("shows the clerk the permit's own facts and choices, and finishes with the grant", async () => {
    // Prepare
    const bytes = await invoicePdf(randomInvoiceSpec('second-process-review', { language: 'en' }));
    const id = await t.tools.drop('permits', 'application-7.pdf', bytes);
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    const [sent] = await t.tools.waitForApprovalLinks((l) => l.subject.includes('application-7.pdf'));

    // Act
    const page = await open(sent?.link ?? '');
    const decided = await decide(sent?.link ?? '', 'grant', 1100);

    // Assess
    expect(sent?.to).toBe('clerk@permits.example');
    expect(sent?.subject).toBe('Decision needed: Permit application application-7.pdf');
    expect(page.html).toContain('<h1><bdi>Permit application application-7.pdf</bdi></h1>');
    expect(page.html).toContain('<dt><bdi>Application</bdi></dt><dd><bdi>application-7.pdf</bdi></dd>');
    expect(page.html).toContain('Grant permit…');
    expect(page.html).toContain('Refuse permit…');
    expect(page.html).not.toMatch(/Vendor|Invoice|Amount/);
    expect(decided.status).toBe(200);
    const done = await t.tools.waitForEnd(id, ['COMPLETED', 'REJECTED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    const audit = await t.tools.audit(id);
    expect(audit.find((e) => e.type === 'VOTE_RECORDED')).toMatchObject({
      step: 'review',
      decision: 'grant',
      actor: { kind: 'person', id: 'clerk@permits.example' },
    });
    expect(audit.map((e) => e.type)).toEqual(
      expect.arrayContaining(['TRIAGED', 'APPROVAL_REQUESTED', 'FINALIZED']),
    );
  });

  it('emits its metrics with its Process, from its own function and the platform’s', () => {
    // Prepare: the functions' EMF lines, as CloudWatch would read them.
    const emf = (functionId: string) =>
      readFileSync(join(t.runtime.dataDir, 'logs', `${functionId}.log`), 'utf8')
        .split('\n')
        .filter((line) => line.includes('"_aws"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    // Act
    const triage = emf('permits-triage');
    const finalize = emf('finalize').filter((m) => m.Process === 'permits');

    // Assess
    expect(triage.length).toBeGreaterThan(0);
    expect(triage.every((m) => m.Process === 'permits' && m.Step === 'triage')).toBe(true);
    expect(finalize.some((m) => 'DocumentsCompleted' in m)).toBe(true);
    expect(emf('invoice-finalize').every((m) => m.Process === 'invoice')).toBe(true);
  });
});
