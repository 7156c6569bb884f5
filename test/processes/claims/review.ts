import type { Context } from 'aws-lambda';
import type { HumanStepRequest } from '../../../lambdas/platform/human-step/request.ts';
import { instrument, stepCorrelation } from '../../../lambdas/platform/shared/observability.ts';
import type { StepEvent } from '../../../lambdas/platform/shared/workflow.ts';
import { claimChoices, claimForm } from './form.ts';

/** What the claim's one function hands the human step: the facts, and the form the handler fills in. */
export interface ClaimTriage {
  readonly facts: Readonly<Record<string, string>>;
  readonly request: HumanStepRequest;
}

export function claimTriageOf(event: StepEvent): ClaimTriage {
  const name = event.document.key.split('/').pop() ?? event.document.key;
  return {
    facts: { claim: name },
    request: {
      title: `Claim ${name}`,
      facts: [{ label: 'Claim', value: name }],
      reasons: ['every claim is handled by a person'],
      choices: claimChoices,
      form: claimForm,
      requirement: {},
    },
  };
}

export const handler = instrument(
  'triage',
  stepCorrelation,
  async (event: StepEvent, _context: Context): Promise<ClaimTriage> => claimTriageOf(event),
);
