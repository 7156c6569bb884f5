import { sha256Hex } from '../../shared/hash.ts';
import type { FormValues } from './types.ts';

/** What the confirmation nonce binds besides the choice: the values confirmed (in the form's order). */
export const valuesHash = (values: FormValues): string => sha256Hex(JSON.stringify(values));

interface Voted {
  readonly decision: 'approve' | 'reject';
  readonly at: string;
  readonly values?: FormValues;
}

/**
 * The values a decision hands the workflow. Quorum rule: the deciding side's last vote (the one that
 * met the policy) wins; every vote's own values stay in its VOTE_RECORDED event.
 */
export function decidingValues(
  votes: readonly Voted[],
  effect: 'approve' | 'reject',
): FormValues | undefined {
  const deciding = votes
    .filter((v) => v.decision === effect)
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  return deciding.at(-1)?.values;
}
