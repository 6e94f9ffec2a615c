// A token bucket per access key: bursts are fine, a runaway loop in a POS program is not.
import type { Clock } from '../clock';

export interface RateLimit {
  /** Requests a key may make at once. */
  burst: number;
  /** Requests per second the bucket refills with. */
  perSecond: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** 0 when the request may go ahead; otherwise how many ms until it could. */
  take(key: string): number {
    const now = this.clock.monotonic();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.limit.perSecond) * 1000);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
