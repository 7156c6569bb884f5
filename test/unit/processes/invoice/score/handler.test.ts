import type { Context } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '../../../../../lambdas/platform/shared/observability.ts';
import type { AppendOptions, AuditEvent } from '../../../../../lambdas/platform/stores/audit.ts';
import type { InvoiceHeader } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import { type VendorInvoice, vendorIdOf } from '../../../../../lambdas/processes/invoice/domain/vendors.ts';
import {
  createScoreHandler,
  type ScoreDeps,
  type ScoreEvent,
} from '../../../../../lambdas/processes/invoice/score/handler.ts';
import { heuristicVersion } from '../../../../../lambdas/processes/invoice/score/heuristic.ts';
import {
  bundledModelSource,
  type ModelSource,
  staticModelSource,
} from '../../../../../lambdas/processes/invoice/score/model-source.ts';
import { history, invoice } from './builders.ts';

const executionArn = 'arn:aws:states:eu-west-1:123456789012:execution:invoice:invoice-doc-1';

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'score',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:score',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/score',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

function event(header: InvoiceHeader = invoice()): ScoreEvent {
  return {
    document: {
      documentId: 'doc-1',
      process: 'invoice',
      bucket: 'data',
      key: 'invoices/acme.pdf',
      size: 2048,
      receivedAt: '2024-07-02T08:00:00.000Z',
    },
    workflowVersion: 'invoice@1+abcdef12',
    executionArn,
    invoice: header,
  };
}

/** Fakes that record what the handler did; the audit fake honours idempotency keys as the real trail does. */
function fakes(
  options: { models?: ModelSource; recent?: (vendorId: string) => Promise<VendorInvoice[]> } = {},
) {
  const audited = new Map<string, AuditEvent>();
  const appendCalls: AppendOptions[] = [];
  const historyCalls: string[] = [];
  const metricCalls: [string, string, number][] = [];
  const deps: ScoreDeps = {
    history: {
      recent: (vendorId) => {
        historyCalls.push(vendorId);
        return options.recent ? options.recent(vendorId) : Promise.resolve(history(6));
      },
    },
    models: options.models ?? bundledModelSource,
    audit: {
      append: async (auditEvent, appendOptions = {}) => {
        appendCalls.push(appendOptions);
        const key = appendOptions.idempotencyKey ?? `${appendCalls.length}`;
        if (audited.has(key)) return false;
        audited.set(key, auditEvent);
        return true;
      },
    },
    metrics: {
      addMetric: (name, unit, value) => {
        metricCalls.push([name, unit, value]);
      },
    },
  };
  return { deps, audited, appendCalls, historyCalls, metricCalls };
}

describe('score handler', () => {
  beforeEach(() => {
    // Keep test output readable: the step's own logs and EMF lines are not under test here.
    logger.setLogLevel('SILENT');
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
      metrics.clearMetrics();
      metrics.clearDimensions();
      return metrics;
    });
  });

  it('reads the vendor history, scores with the model, audits once and reports metrics', async () => {
    // Prepare
    const f = fakes();
    const handler = createScoreHandler(f.deps);

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(f.historyCalls).toEqual([vendorIdOf('Acme Supplies Ltd')]);
    expect(result).toMatchObject({
      method: 'model',
      degraded: false,
      band: 'low',
      modelVersion: 'vendor-risk@1.0.0',
    });
    expect([...f.audited.entries()]).toEqual([
      [
        `doc-1/${executionArn}/score`,
        {
          documentId: 'doc-1',
          step: 'score',
          type: 'SCORED',
          actor: { kind: 'model', id: 'vendor-risk@1.0.0' },
          decision: 'low',
          rationale: result.rationale.map((c) => c.explanation),
          inputHash: result.inputHash,
          versions: { workflow: 'invoice@1+abcdef12', model: 'vendor-risk@1.0.0' },
          executionArn,
          details: { score: result.score, method: 'model', degraded: false },
        },
      ],
    ]);
    expect(result.rationale).toHaveLength(3);
    expect(f.metricCalls).toEqual([
      ['RiskScore', 'None', Math.round(result.score * 100)],
      ['ScoreDegraded', 'Count', 0],
    ]);
  });

  it('logs ids and classes, never the invoice contents', async () => {
    // Prepare
    const info = vi.spyOn(logger, 'info');
    const handler = createScoreHandler(fakes().deps);

    // Act
    await handler(event(), context);

    // Assess
    const logged = JSON.stringify(info.mock.calls);
    expect(logged).toContain('"band":"low"');
    expect(logged).not.toMatch(/Acme|1213\.80|INV-2024|bank-a/);
  });

  it('records one audit event however often the same execution retries', async () => {
    // Prepare
    const f = fakes();
    const handler = createScoreHandler(f.deps);

    // Act
    const first = await handler(event(), context);
    const retried = await handler(event(), context);

    // Assess
    expect(retried).toEqual(first);
    expect(f.appendCalls).toHaveLength(2);
    expect(new Set(f.appendCalls.map((o) => o.idempotencyKey)).size).toBe(1);
    expect(f.audited.size).toBe(1);
  });

  it('scores an invoice without a vendor by heuristic, reading no history', async () => {
    // Prepare
    const f = fakes();
    const handler = createScoreHandler(f.deps);

    // Act
    const result = await handler(event(invoice({ vendor: null })), context);

    // Assess
    expect(f.historyCalls).toEqual([]);
    expect(result).toMatchObject({ method: 'heuristic', degraded: true, modelVersion: heuristicVersion });
    const audited = [...f.audited.values()][0];
    expect(audited?.actor).toEqual({ kind: 'model', id: heuristicVersion });
    expect(audited?.versions.model).toBe(heuristicVersion);
    expect(audited?.details).toEqual({
      score: result.score,
      method: 'heuristic',
      degraded: true,
      degradedReason: 'input too incomplete for the model: no vendor',
    });
    expect(f.metricCalls).toContainEqual(['ScoreDegraded', 'Count', 1]);
  });

  it('falls back to the heuristic when the artifact fails its checksum', async () => {
    // Prepare
    const tampered = { ...(await loadedArtifact()), bias: 0 };
    const f = fakes({ models: staticModelSource(tampered) });
    const handler = createScoreHandler(f.deps);

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result).toMatchObject({ method: 'heuristic', degraded: true });
    expect(result.degradedReason).toBe('model cannot be loaded: model vendor-risk@1.0.0 checksum mismatch');
    expect([...f.audited.values()][0]?.details).toMatchObject({ degraded: true, method: 'heuristic' });
  });

  it('fails transiently, auditing nothing, when the history read is throttled', async () => {
    // Prepare
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const f = fakes({ recent: () => Promise.reject(throttled) });
    const handler = createScoreHandler(f.deps);

    // Act
    const outcome = handler(event(), context);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'Tower.Transient' });
    expect(f.audited.size).toBe(0);
    expect(f.metricCalls).toEqual([]);
  });

  it('refuses a malformed event as permanent', async () => {
    // Prepare
    const f = fakes();
    const handler = createScoreHandler(f.deps);
    const malformed = { ...event(), invoice: null } as unknown as ScoreEvent;

    // Act
    const outcome = handler(malformed, context);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'Tower.Permanent' });
    expect(f.historyCalls).toEqual([]);
  });
});

async function loadedArtifact() {
  const loaded = await bundledModelSource.load();
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.model;
}
