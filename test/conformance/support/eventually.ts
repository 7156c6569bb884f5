/** Polls `probe` until it returns something other than undefined; AWS is eventually consistent, so is the wait. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  { timeoutMs = 60_000, everyMs = 250 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Retries `attempt` while `retryable(error)` holds (IAM changes take seconds to reach other services). */
export async function retrying<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  timeoutMs = 90_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let delay = 1000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error) || Date.now() + delay > until) throw error;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** The error name an SDK call failed with. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}
