import { Engine } from 'json-rules-engine';
import type { RuleFacts } from './facts.ts';
import { compareAmounts } from './money.ts';
import type { RuleDefinition, RuleSet } from './rule-set.ts';

/**
 * Runs a rule set's rules with json-rules-engine. Amount operators compare decimal strings as
 * integer cents, so thresholds hold to the cent; either side not being an amount (a missing total,
 * an unset threshold parameter) makes the comparison false.
 */

const engines = new WeakMap<RuleSet, Engine>();

function engineFor(ruleSet: RuleSet): Engine {
  const cached = engines.get(ruleSet);
  if (cached) return cached;
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addOperator<unknown, unknown>('amountGreaterThan', (a, b) => compareAmounts(a, b) === 1);
  engine.addOperator<unknown, unknown>('amountGreaterThanInclusive', (a, b) => {
    const order = compareAmounts(a, b);
    return order === 1 || order === 0;
  });
  for (const rule of ruleSet.rules)
    engine.addRule({
      name: rule.name,
      priority: rule.priority,
      conditions: rule.conditions,
      event: rule.event,
    });
  engines.set(ruleSet, engine);
  return engine;
}

/** The rules that fired, in evaluation order: highest priority first, then file order. */
export async function evaluate(ruleSet: RuleSet, facts: RuleFacts): Promise<RuleDefinition[]> {
  const { results } = await engineFor(ruleSet).run({ ...facts });
  const fired = new Set(results.map((r) => r.name));
  return ruleSet.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => fired.has(rule.name))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule }) => rule);
}
