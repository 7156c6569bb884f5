import { describe, expect, it } from 'vitest';
import { capabilities } from '../../../../lambdas/platform/capabilities.ts';
import { queues } from '../../../../lambdas/platform/queues/uses.ts';
import { CatalogError } from '../../../../lambdas/platform/registry/catalog.ts';
import type { ProcessSpec } from '../../../../lambdas/platform/registry/process-spec.ts';
import { stores } from '../../../../lambdas/platform/stores/uses.ts';
import { towerCatalog } from '../../../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../../../lambdas/processes/index.ts';
import { invoiceProcess } from '../../../../lambdas/processes/invoice/process.ts';

/** A second process that reuses the platform and brings one function of its own. */
const review: ProcessSpec = {
  id: 'review',
  title: 'Document review',
  version: '1',
  definitionPath: '/nowhere/review.asl.json',
  intakePrefix: 'reviews/',
  functions: [
    {
      id: 'review-classify',
      entry: '/nowhere/classify.ts',
      description: 'classifies',
      memoryMb: 256,
      timeoutSeconds: 10,
      uses: [stores.audit()],
    },
  ],
  queues: [],
  tables: [],
  functionPlaceholders: { ClassifyFunctionArn: 'review-classify' },
  queuePlaceholders: {},
};

const problems = (list: readonly ProcessSpec[]): string => {
  try {
    towerCatalog(list);
  } catch (error) {
    if (error instanceof CatalogError) return error.message;
    throw error;
  }
  return '';
};

describe('catalogOf', () => {
  it("holds the platform's functions and queues with each process's own, owned by their process", () => {
    // Act
    const catalog = towerCatalog([invoiceProcess, review]);

    // Assess
    expect(catalog.functions.map((f) => f.id)).toEqual([
      ...capabilities.flatMap((c) => c.functions ?? []).map((f) => f.id),
      ...invoiceProcess.functions.map((f) => f.id),
      'review-classify',
    ]);
    expect(catalog.function('review-classify').process).toBe('review');
    expect(catalog.function('finalize').process).toBeUndefined();
    expect(catalog.queue('extraction').process).toBe('invoice');
    expect(catalog.tables.map((t) => t.id)).toContain('vendors');
    expect(catalog.processForKey('reviews/a.pdf')?.id).toBe('review');
    expect(catalog.processForKey('elsewhere/a.pdf')).toBeUndefined();
  });

  it("gives every process the platform's placeholders besides its own", () => {
    const { functions } = towerCatalog([invoiceProcess, review]).placeholdersOf(review);
    expect(functions).toMatchObject({
      ClassifyFunctionArn: 'review-classify',
      RequestApprovalFunctionArn: 'request-approval',
      FinalizeFunctionArn: 'finalize',
      RecordFailureFunctionArn: 'record-failure',
    });
  });

  it('accepts the registered processes', () => {
    expect(() => towerCatalog(processes)).not.toThrow();
  });

  it.each<[string, readonly ProcessSpec[], string]>([
    ['a process id used twice', [review, review], 'process id review is used twice'],
    [
      'an id that cannot prefix resource names',
      [{ ...review, id: 'Review_1' }],
      'process id Review_1 must be lowercase',
    ],
    [
      'overlapping intake prefixes',
      [invoiceProcess, { ...review, intakePrefix: 'invoices/reviews/' }],
      'intake prefixes of invoice and review overlap',
    ],
    [
      'an intake prefix without a slash',
      [{ ...review, intakePrefix: 'reviews' }],
      'intake prefix reviews must end with /',
    ],
    [
      'a function id another already has',
      [
        {
          ...review,
          functions: [{ ...review.functions[0], id: 'finalize' } as ProcessSpec['functions'][number]],
        },
      ],
      'function id finalize is used twice',
    ],
    [
      "a placeholder naming another process's function",
      [invoiceProcess, { ...review, functionPlaceholders: { Score: 'score' } }],
      'review: placeholder ${Score} names score, a function of invoice',
    ],
    [
      'a placeholder naming no function',
      [{ ...review, functionPlaceholders: { Nope: 'nope' } }],
      'names function nope, which does not exist',
    ],
    [
      "a placeholder taking the platform's name",
      [{ ...review, functionPlaceholders: { FinalizeFunctionArn: 'review-classify' } }],
      "placeholder ${FinalizeFunctionArn} is the platform's",
    ],
    [
      'a queue placeholder naming a queue not its own',
      [invoiceProcess, { ...review, queuePlaceholders: { Q: 'extraction' } }],
      'review: placeholder ${Q} names extraction, not its own queue',
    ],
    [
      'a function using a table nobody declares',
      [
        {
          ...review,
          functions: [
            {
              ...review.functions[0],
              uses: [stores.table('ledger', ['get'])],
            } as ProcessSpec['functions'][number],
          ],
        },
      ],
      'function review-classify uses table ledger, which does not exist',
    ],
    [
      'a function naming a table with no operation',
      [
        {
          ...review,
          functions: [
            { ...review.functions[0], uses: [stores.table('audit', [])] } as ProcessSpec['functions'][number],
          ],
        },
      ],
      'function review-classify names table audit with no operation',
    ],
  ])('refuses %s', (_, list, message) => {
    expect(problems(list)).toContain(message);
  });

  it('refuses a function that defers on a queue it does not consume, as only the consumer may change visibility', () => {
    const deferring = {
      ...review,
      functions: [
        { ...review.functions[0], uses: [queues.defers('intake')] } as ProcessSpec['functions'][number],
      ],
    };
    expect(problems([deferring])).toContain(
      'function review-classify defers on queue intake, which it does not consume',
    );
  });

  it("refuses a process's queue consumed by a function not its own", () => {
    const queue = {
      ...invoiceProcess.queues[0],
      id: 'review-queue',
      consumer: 'score',
    } as ProcessSpec['queues'][number];
    expect(problems([invoiceProcess, { ...review, queues: [queue] }])).toContain(
      "queue review-queue of review is consumed by score, which is not review's",
    );
  });

  it('lists every problem at once', () => {
    const message = problems([{ ...review, id: 'X', intakePrefix: 'x' }]);
    expect(message).toContain('process id X must be lowercase');
    expect(message).toContain('intake prefix x must end with /');
  });
});
