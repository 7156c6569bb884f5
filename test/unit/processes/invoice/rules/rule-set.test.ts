import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../../lambdas/platform/shared/canonical-json.ts';
import { hashJson } from '../../../../../lambdas/platform/shared/hash.ts';
import { invoiceRuleSet, loadRuleSet } from '../../../../../lambdas/processes/invoice/rules/rule-set.ts';

type Json = Record<string, unknown> & { rules: Record<string, unknown>[] };

const file = new URL(
  '../../../../../lambdas/processes/invoice/rules/rulesets/invoice.rules.json',
  import.meta.url,
);
const shipped = (): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

/** The shipped rule set with one rule (found by name) changed. */
function withRule(name: string, change: (rule: Record<string, unknown>) => void): Json {
  const data = shipped();
  const rule = data.rules.find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  change(rule);
  return data;
}

describe('rule-set version', () => {
  it('is the declared version plus the file hash', () => {
    // Act
    const version = invoiceRuleSet.version;

    // Assess
    expect(version).toBe(`invoice-rules@2.2.0+${hashJson(shipped()).slice(0, 8)}`);
    expect(version).toMatch(/^invoice-rules@\d+\.\d+\.\d+\+[0-9a-f]{8}$/);
  });

  it('does not depend on formatting or key order', () => {
    // Prepare
    const reordered = JSON.parse(canonicalJson(shipped())) as unknown;

    // Act
    const version = loadRuleSet('invoice', reordered).version;

    // Assess
    expect(version).toBe(invoiceRuleSet.version);
  });

  it('changes when any rule data changes, even under the same declared version', () => {
    // Prepare
    const edited = shipped();
    (edited.fieldConfidence as Record<string, number>).total = 91;

    // Act
    const version = loadRuleSet('invoice', edited).version;

    // Assess
    expect(version.startsWith('invoice-rules@2.2.0+')).toBe(true);
    expect(version).not.toBe(invoiceRuleSet.version);
  });
});

describe('rule-set validation', () => {
  it.each<[string, () => unknown, string]>([
    ['not an object', () => 42, '(root)'],
    [
      'a version that is not semantic',
      () => ({ ...shipped(), version: 'v1' }),
      'version: must be a semantic version',
    ],
    ['an unknown top-level key', () => ({ ...shipped(), extra: true }), 'extra'],
    [
      'a default terms code that does not exist',
      () => ({ ...shipped(), terms: { default: 'NET7', codes: { NET30: 30 } } }),
      'terms.default: NET7',
    ],
    [
      'a discount percent with three places',
      () => ({ ...shipped(), discounts: { '2/10': { percent: 2.125, withinDays: 10 } } }),
      'discounts.2/10.percent',
    ],
    [
      'a missing field threshold',
      () => ({ ...shipped(), fieldConfidence: { vendor: 80 } }),
      'fieldConfidence.total',
    ],
    [
      'a rule name that is not kebab-case',
      () =>
        withRule('risk-band', (r) => {
          r.name = 'Risk Band';
        }),
      'must be kebab-case',
    ],
    [
      'a duplicate rule name',
      () =>
        withRule('risk-band', (r) => {
          r.name = 'score-degraded';
        }),
      'duplicate rule name',
    ],
    [
      'an unknown fact',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [{ fact: 'scores', operator: 'equal', value: 1 }] };
        }),
      'unknown fact scores',
    ],
    [
      'a misspelt path',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [{ fact: 'score', path: '$.bandRnak', operator: 'equal', value: 1 }] };
        }),
      'fact score has no path $.bandRnak',
    ],
    [
      'a misspelt path in a compared fact',
      () =>
        withRule('amount-above-threshold', (r) => {
          r.conditions = {
            all: [
              {
                fact: 'invoice',
                path: '$.total',
                operator: 'amountGreaterThan',
                value: { fact: 'parameters', path: '$.amountTreshold' },
              },
            ],
          };
        }),
      'fact parameters has no path $.amountTreshold',
    ],
    [
      'a JSONPath filter',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [{ fact: 'score', path: '$..band', operator: 'equal', value: 'high' }] };
        }),
      'must be a simple path',
    ],
    [
      'an unknown operator',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [{ fact: 'score', path: '$.band', operator: 'is', value: 'high' }] };
        }),
      'unknown operator is',
    ],
    [
      'an unknown decorator',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [{ fact: 'score', path: '$.band', operator: 'maybe:equal', value: 'high' }] };
        }),
      'unknown operator decorator maybe',
    ],
    [
      'a condition without a value',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [{ fact: 'score', path: '$.band', operator: 'equal' }] };
        }),
      'value is missing',
    ],
    [
      'an empty all',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [] };
        }),
      'must be a non-empty array',
    ],
    [
      'both all and any',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { all: [], any: [] };
        }),
      'exactly one of all, any, not',
    ],
    [
      'a shared condition reference',
      () =>
        withRule('risk-band', (r) => {
          r.conditions = { condition: 'elsewhere' };
        }),
      'exactly one of all, any, not',
    ],
    [
      'an unknown event type',
      () =>
        withRule('risk-band', (r) => {
          r.event = { type: 'notify' };
        }),
      'rules.',
    ],
    [
      'an unknown terms code in an event',
      () =>
        withRule('terms-vendor-net60', (r) => {
          r.event = { type: 'terms', params: { code: 'NET90' } };
        }),
      'unknown terms code NET90',
    ],
    [
      'an unknown discount in an event',
      () =>
        withRule('early-payment-discount', (r) => {
          r.event = { type: 'discount', params: { id: '3/5' } };
        }),
      'unknown discount 3/5',
    ],
    [
      'an unknown message placeholder',
      () =>
        withRule('risk-band', (r) => {
          r.event = { type: 'approval', params: { message: 'Band {score.bnad}' } };
        }),
      'unknown placeholder {score.bnad}',
    ],
  ])('refuses %s', (_, make, fragment) => {
    // Act
    const load = () => loadRuleSet('invoice', make());

    // Assess
    expect(load).toThrow(expect.objectContaining({ name: 'Tower.Permanent' }));
    expect(load).toThrow(fragment);
  });

  it('accepts decorated operators and nested conditions', () => {
    // Prepare
    const data = withRule('risk-band', (r) => {
      r.conditions = {
        any: [
          { not: { fact: 'score', path: '$.band', operator: 'equal', value: 'low' } },
          { all: [{ fact: 'invoice', path: '$.currency', operator: 'swap:in', value: ['USD'] }] },
        ],
      };
    });

    // Act
    const ruleSet = loadRuleSet('invoice', data);

    // Assess
    expect(ruleSet.rules.map((r) => r.name)).toContain('risk-band');
  });
});
