import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

export interface RateLimit {
  /** Requests a caller may make per window. */
  max: number;
  windowMs: number;
}

/**
 * Fixed windows per caller: at most `max` requests in each `windowMs`, counted from a caller's
 * first request of the window. Callers whose window has ended are forgotten, so memory follows
 * the callers of the last window only.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private nextSweepAt = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request by `caller`; returns the seconds to wait when it is over the limit. */
  take(caller: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(caller);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + this.limit.windowMs };
      this.windows.set(caller, window);
    }
    window.count += 1;
    if (window.count <= this.limit.max) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    for (const [caller, window] of this.windows) if (window.endsAt <= now) this.windows.delete(caller);
    this.nextSweepAt = now + this.limit.windowMs;
  }
}

/** HTTP 429 with `Retry-After`, as Apollo sends an error thrown while building the context. */
export function rateLimited(limit: RateLimit, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `Too many requests: the limit is ${limit.max} per ${limit.windowMs / 1000} s; retry after ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}
