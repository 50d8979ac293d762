// A token bucket per principal, in process memory (shared through globalThis with the custom
// server). Behind a load balancer each instance limits on its own: the limit per instance is a
// floor against runaway scripts, not a billing boundary.

import { processSingleton } from "@/lib/server/process-singleton";
import { positiveSetting } from "@/lib/server/env-settings";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
  ) {}

  take(key: string, now = Date.now()): RateLimitResult {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      if (this.buckets.size > 100_000) this.evictIdle(now);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.refillPerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: this.capacity, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return { allowed: false, limit: this.capacity, remaining: 0, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.refillPerSecond) };
  }

  private evictIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > 10 * 60 * 1000) this.buckets.delete(key);
    }
  }
}

export function apiRateLimiter(): RateLimiter {
  return processSingleton("apiRateLimiter", () => new RateLimiter(positiveSetting("HINOKI_API_RATE_BURST", 300), positiveSetting("HINOKI_API_RATE_PER_SECOND", 50)));
}
