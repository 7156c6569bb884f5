import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '../../../../../lambdas/platform/shared/observability.ts';
import type { AuditEvent } from '../../../../../lambdas/platform/stores/audit.ts';
import { createRulesHandler, handler } from '../../../../../lambdas/processes/invoice/rules/handler.ts';
import { invoiceRuleSet } from '../../../../../lambdas/processes/invoice/rules/rule-set.ts';
import { field, invoice, parameters, score } from './fixtures.ts';

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'rules',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:rules',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/rules',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const executionArn = 'arn:aws:states:eu-west-1:123456789012:execution:invoice:invoice-doc1';
const event = (overrides: Partial<ReturnType<typeof invoice>> = {}, band: 'low' | 'high' = 'low') => ({
  document: {
    documentId: 'doc1',
    process: 'invoice',
    bucket: 'data',
    key: 'invoices/a.pdf',
    size: 1024,
    receivedAt: '2024-03-01T10:00:00.000Z',
  },
  workflowVersion: 'invoice@1+0123abcd',
  executionArn,
  invoice: invoice(overrides),
  score: score({ band }),
  activeContent: [],
});

const fakeAudit = () => ({
  append: vi.fn(async (_event: AuditEvent, _options?: { idempotencyKey?: string }) => true),
});

let addMetric: ReturnType<typeof vi.spyOn>;
let logInfo: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  addMetric = vi.spyOn(metrics, 'addMetric');
  // Discard rather than print EMF, clearing as a publish would.
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
    metrics.clearMetrics();
    metrics.clearDimensions();
    return metrics;
  });
  logInfo = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
  vi.spyOn(logger, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('rules handler', () => {
  it('returns the rules result and audits RULES_APPLIED once', async () => {
    // Prepare
    const audit = fakeAudit();
    const rules = createRulesHandler({ audit, parameters: parameters() });

    // Act
    const result = await rules(event({ total: field('12500.00') }, 'high'), context);

    // Assess
    expect(result.approval.required).toBe(true);
    expect(result.ruleSetVersion.startsWith(`${invoiceRuleSet.version}/params-`)).toBe(true);
    expect(audit.append).toHaveBeenCalledTimes(1);
    expect(audit.append).toHaveBeenCalledWith(
      {
        documentId: 'doc1',
        step: 'rules',
        type: 'RULES_APPLIED',
        actor: { kind: 'system', id: result.ruleSetVersion },
        decision: 'approval-required',
        rationale: [
          'Total 12500.00 USD is above the approval threshold 10000.00',
          'Risk band high is at or above high',
        ],
        inputHash: result.inputHash,
        versions: {
          workflow: 'invoice@1+0123abcd',
          rules: result.ruleSetVersion,
          model: 'vendor-risk@1+abcdef12',
        },
        executionArn,
        details: {
          fired: ['early-payment-discount', 'amount-above-threshold', 'risk-band'],
          terms: { code: 'NET30', days: 30 },
          dueDate: '2024-03-31',
          discount: { percent: 2, withinDays: 10, deadline: '2024-03-11', amount: '250.00' },
        },
      },
      { idempotencyKey: `doc1/${executionArn}/rules` },
    );
    expect(addMetric).toHaveBeenCalledWith('ApprovalRequired', 'Count', 1);
  });

  it('records an auto-approval with no rationale and a zero metric', async () => {
    // Prepare
    const audit = fakeAudit();
    const rules = createRulesHandler({ audit, parameters: parameters() });

    // Act
    const result = await rules(event(), context);

    // Assess
    expect(result.approval.required).toBe(false);
    expect(audit.append.mock.calls[0]?.[0]).toMatchObject({ decision: 'auto-approve', rationale: [] });
    expect(addMetric).toHaveBeenCalledWith('ApprovalRequired', 'Count', 0);
  });

  it('uses the same idempotency key on a retry, so the trail keeps one event', async () => {
    // Prepare
    const audit = fakeAudit();
    const rules = createRulesHandler({ audit, parameters: parameters() });

    // Act
    await rules(event(), context);
    await rules(event(), context);

    // Assess
    const keys = audit.append.mock.calls.map((call) => call[1]?.idempotencyKey);
    expect(keys).toEqual([`doc1/${executionArn}/rules`, `doc1/${executionArn}/rules`]);
  });

  it('never logs invoice contents', async () => {
    // Prepare
    const rules = createRulesHandler({ audit: fakeAudit(), parameters: parameters() });

    // Act
    await rules(event({ total: field('12500.00'), vendor: field('Globex Corporation') }), context);

    // Assess
    const logged = JSON.stringify(logInfo.mock.calls);
    expect(logged).toContain('amount-above-threshold');
    expect(logged).not.toContain('12500');
    expect(logged).not.toContain('Globex');
  });

  it('refuses invalid rule parameters with a permanent error naming the field, before auditing', async () => {
    // Prepare
    const audit = fakeAudit();
    const rules = createRulesHandler({ audit, parameters: parameters({ amountThreshold: '10,000' }) });

    // Act
    const outcome = rules(event(), context);

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: 'Tower.Permanent',
      message: expect.stringContaining('amountThreshold'),
    });
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('refuses a malformed event with a permanent error', async () => {
    // Prepare
    const audit = fakeAudit();
    const rules = createRulesHandler({ audit, parameters: parameters() });
    const bad = { ...event(), score: { ...score(), band: 'extreme' } } as unknown as ReturnType<typeof event>;

    // Act
    const outcome = rules(bad, context);

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: 'Tower.Permanent',
      message: expect.stringContaining('score.band'),
    });
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('classifies a throttled audit write as transient', async () => {
    // Prepare
    const audit = {
      append: vi.fn(async () =>
        Promise.reject(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })),
      ),
    };
    const rules = createRulesHandler({ audit, parameters: parameters() });

    // Act
    const outcome = rules(event(), context);

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'Tower.Transient' });
  });

  it('reads the rule parameters from the environment and reports bad ones as permanent', async () => {
    // Prepare
    vi.stubEnv('AUDIT_TABLE', 'audit');
    vi.stubEnv('RULE_PARAMETERS', JSON.stringify(parameters({ riskBandRequiringApproval: 'low' as 'high' })));

    // Act
    const outcome = handler(event(), context);

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: 'Tower.Permanent',
      message: expect.stringContaining('RULE_PARAMETERS is invalid: riskBandRequiringApproval'),
    });
  });
});
