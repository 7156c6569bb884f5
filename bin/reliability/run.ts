import { performance } from 'node:perf_hooks';
import { approvals } from './scenarios/approvals.ts';
import { badInput } from './scenarios/bad-input.ts';
import { burst } from './scenarios/burst.ts';
import { faults } from './scenarios/faults.ts';
import { hardKill } from './scenarios/hard-kill.ts';
import { slowModel } from './scenarios/slow-model.ts';
import { starterCrash } from './scenarios/starter-crash.ts';
import type { Scale, Scenario, ScenarioRow } from './types.ts';

/** Every scenario, in the report's order. */
export const scenarios: readonly Scenario[] = [
  burst,
  faults,
  slowModel,
  starterCrash,
  hardKill,
  badInput,
  approvals,
];

/** Runs the chosen scenarios one after the other, each on its own fresh runtime. */
export async function runReliability(
  options: { readonly scale: Scale; readonly only?: number },
  log: (line: string) => void,
): Promise<{ rows: ScenarioRow[]; wallMs: number }> {
  const started = performance.now();
  const rows: ScenarioRow[] = [];
  for (const scenario of scenarios) {
    if (options.only !== undefined && scenario.id !== options.only) continue;
    log(`${scenario.id}. ${scenario.name}`);
    const began = performance.now();
    try {
      rows.push(await scenario.run({ scale: options.scale, log: (line) => log(`${scenario.id}. ${line}`) }));
    } catch (error) {
      // A scenario that cannot finish proves nothing: it fails the run, and the others still run.
      rows.push({
        id: scenario.id,
        scenario: scenario.name,
        documents: 0,
        expected: 0,
        lost: 1,
        duplicated: 0,
        wrong: 0,
        chains: 0,
        unaudited: 0,
        p95LatencyMs: null,
        wallMs: performance.now() - began,
        notes: [],
        problems: [`the scenario did not finish: ${error instanceof Error ? error.message : String(error)}`],
      });
    }
  }
  return { rows, wallMs: performance.now() - started };
}
