import { TowerError } from '../shared/errors.ts';
import { mapTextractError } from './textract-errors.ts';

const throttles = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);

export function isThrottle(error: unknown): boolean {
  return throttles.has((error as { name?: string }).name ?? '');
}

/**
 * Calls Textract, retrying throttling here with jittered backoff (the workflow never sees it), and
 * classifies anything else. A throttle that outlasts the retries is returned, for the caller to defer.
 */
export async function withThrottleRetries<T>(
  call: () => Promise<T>,
  attempts = 4,
  baseMs = 200,
): Promise<{ ok: true; value: T } | { ok: false; throttled: true }> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      if (!isThrottle(error)) throw error instanceof TowerError ? error : mapTextractError(error);
      if (attempt < attempts - 1)
        await new Promise((r) => setTimeout(r, Math.random() * baseMs * 2 ** attempt));
    }
  }
  return { ok: false, throttled: true };
}
