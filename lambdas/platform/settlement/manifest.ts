import { capability } from '../capability/manifest.ts';
import { settlementFunctions } from './functions.ts';
import { ExecutionEndedRule } from './infra/execution-ended-rule.ts';

/** Settlement: an execution that stopped, timed out or failed outside its Catch leaves nothing open. */
export const settlement = capability({
  name: 'settlement',
  summary: 'Executions that end outside their workflow: links revoked, the document settled',
  functions: settlementFunctions,
  infra: {
    wire: (p) => {
      const handler = p.functions['execution-ended'];
      if (!handler) throw new Error('settlement: no execution-ended function');
      new ExecutionEndedRule(p.scope, 'ExecutionEnded', {
        stateMachines: Object.values(p.stateMachines).map((m) => m.stateMachine),
        handler: handler.function,
      });
    },
  },
  local: () => import('./local.ts').then((m) => m.settlementLocal),
});
