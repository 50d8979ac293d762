import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("rate limiter", () => {
  it("allows a burst, refuses beyond it, and refills over time", () => {
    const limiter = new RateLimiter(3, 1);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t).allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a", t);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1);
    expect(limiter.take("b", t).allowed).toBe(true);
    expect(limiter.take("a", t + 1000).allowed).toBe(true);
  });
});
