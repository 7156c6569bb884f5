import type { CapabilityLocal } from '../../../local/runtime/capability-local.ts';

/** Settlement locally: EventBridge's execution status change rule, the same event shape to the same function. */
export const settlementLocal: CapabilityLocal = {
  connect: async (p) => {
    const { stepFunctions, lambda } = p;
    if (!stepFunctions || !lambda) throw new Error('settlement: Step Functions and the Lambda host must run');
    stepFunctions.onExecutionEnded((ended) => {
      if (ended.status === 'SUCCEEDED' || ended.status === 'RUNNING') return;
      const record = stepFunctions.store.get(ended.executionArn);
      if (!record) return;
      void lambda.invoke(p.names.functionName('execution-ended'), {
        'detail-type': 'Step Functions Execution Status Change',
        source: 'aws.states',
        time: new Date().toISOString(),
        detail: {
          executionArn: record.executionArn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          status: record.status,
          input: record.input,
          error: record.error ?? null,
          cause: record.cause ?? null,
        },
      });
    });
  },
};
