import { conformanceContext } from './context.ts';

/** A behaviour the local side cannot match yet, with why; README "Known differences from AWS" lists each id. */
export interface KnownDifference {
  readonly id: string;
  readonly reason: string;
}

/**
 * Wraps a test body that states AWS's behaviour. Against AWS it runs as is and must pass. Locally it
 * runs too and must fail: the day the local side starts to match, this test fails and says so, so
 * the difference is removed from the list instead of lingering.
 */
export function knownDifference(difference: KnownDifference, body: () => Promise<void>): () => Promise<void> {
  return async () => {
    if (conformanceContext().kind === 'aws') return body();
    let passed = false;
    try {
      await body();
      passed = true;
    } catch {
      // Expected: locally this behaviour differs from AWS's, for the reason given.
    }
    if (passed)
      throw new Error(
        `known difference "${difference.id}" no longer differs locally (${difference.reason}): drop knownDifference and its README line`,
      );
  };
}
