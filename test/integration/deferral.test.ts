import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../lambdas/processes/invoice/samples/index.ts';
import { readDecisions } from '../../local/iam/decisions.ts';
import { startTestRuntime, testContext } from './support/runtime.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;

// Long enough that a deferral which never reached the queue (the message then returns only when its
// visibility times out) is told apart from one that did (back in its 1–3 s).
const visibilitySeconds = 60;

interface LogLine {
  readonly message?: string;
  readonly timestamp?: string;
  readonly documentId?: string;
  readonly seconds?: number;
}

const logOf = (t: Started, functionId: string): LogLine[] =>
  readFileSync(join(t.runtime.dataDir, 'logs', `${functionId}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

describe('extraction deferred under load (Textract at 0.5 calls a second)', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestRuntime({
      queueVisibilityTimeoutSeconds: visibilitySeconds,
      context: { textract: { ...testContext.textract, syncTps: 0.5 } },
    });
  });
  afterAll(async () => t?.runtime.stop());

  it('extracts each deferred document within its deferral, not a visibility timeout later', async () => {
    // Prepare: six single-page invoices at once, three times what the rate admits in the 5 s a request waits
    const bodies = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        invoicePdf(
          randomInvoiceSpec(`deferral-${n}`, {
            language: 'en',
            currency: 'EUR',
            lineItems: [{ description: 'Support', quantity: 1, unitPriceCents: 10_000 + n }],
          }),
        ),
      ),
    );
    // Act
    const ids = await Promise.all(
      bodies.map((body, n) => t.tools.drop('invoice', `deferral-${n}.pdf`, body)),
    );
    const extractedAt = new Map<string, number>();
    for (const until = Date.now() + 120_000; extractedAt.size < ids.length && Date.now() < until; ) {
      for (const id of ids.filter((i) => !extractedAt.has(i))) {
        const extracted = (await t.tools.audit(id)).find((e) => e.type === 'EXTRACTED');
        if (extracted) extractedAt.set(id, Date.parse(extracted.at));
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    // Assess
    expect(extractedAt.size).toBe(ids.length);
    const log = logOf(t, 'extract');
    expect(log.filter((l) => l.message?.startsWith('Extraction deferral failed'))).toEqual([]);
    // Every attempt to defer, reached or not: each is measured against the extraction it preceded.
    const deferrals = log.filter((l) => l.message?.startsWith('Extraction deferr'));
    expect(deferrals.length).toBeGreaterThan(0);
    // The call went where the function's other SQS calls go: through the IAM evaluation of its role.
    const decisions = readDecisions(join(t.runtime.dataDir, 'iam', 'decisions.jsonl'));
    expect(decisions).toContainEqual(
      expect.objectContaining({
        principal: expect.stringMatching(/role\/tower-local-extract$/),
        action: 'sqs:ChangeMessageVisibility',
        allowed: true,
      }),
    );
    const lateness = ids.flatMap((id) => {
      const last = deferrals.filter((d) => d.documentId === id).at(-1);
      if (!last) return [];
      const due = Date.parse(last.timestamp ?? '') + (last.seconds ?? 0) * 1000;
      return [((extractedAt.get(id) ?? 0) - due) / 1000];
    });
    process.stdout.write(
      `deferral: ${deferrals.length} deferrals of ${lateness.length} documents; extracted this many seconds after the last deferral ended: ${lateness.map((s) => s.toFixed(1)).join(', ')}\n`,
    );
    for (const seconds of lateness) expect(seconds).toBeLessThan(visibilitySeconds / 2);
  });
});
