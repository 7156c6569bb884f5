import { TextractServiceError } from './errors.ts';

/**
 * Textract's per-account rate, locally: a token bucket per operation (burst of one second's worth, and
 * at least one call, so a rate below 1 a second admits a call every 1/rate seconds rather than none).
 * Above it the local service answers as the real one does, with a throttling error.
 */
export class OperationRates {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly throttled = new Map<string, number>();

  constructor(private readonly perSecond: Readonly<Record<string, number>> = {}) {}

  /** Spends one call of the operation's rate, or throws ProvisionedThroughputExceededException. */
  admit(operation: string, now = Date.now()): void {
    const rate = this.perSecond[operation];
    if (rate === undefined || rate <= 0) return;
    const burst = Math.max(1, rate);
    const bucket = this.buckets.get(operation) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) {
      this.throttled.set(operation, (this.throttled.get(operation) ?? 0) + 1);
      throw new TextractServiceError(
        'ProvisionedThroughputExceededException',
        `Rate exceeded for ${operation} (${rate} per second)`,
      );
    }
    bucket.tokens -= 1;
  }
}
