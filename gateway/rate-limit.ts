import { GraphQLError } from 'graphql';
import { t } from '../subgraphs/common/messages';
import { HeaderMap } from '@apollo/server';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimit {
  /** Requests a caller may make per window. */
  max: number;
  windowMs: number;
}

export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts `operations` requests by `caller` (a batch counts each of its operations). */
  take(caller: string, operations?: number): Promise<RateLimitOutcome>;
}

/**
 * At most `max` operations per caller in each window of `windowMs`, counted from the caller's
 * first request of the window (rate-limiter-flexible's fixed window). With `redis`, every gateway
 * replica counts in the same place, so the limit holds across them; without, in this process.
 */
export function createRateLimiter(limit: RateLimit, redis?: Redis, keyPrefix = 'hub:rate'): RateLimiter {
  const options = { points: limit.max, duration: Math.max(1, Math.round(limit.windowMs / 1000)), keyPrefix };
  const limiter: RateLimiterAbstract = redis
    ? // Redis unreachable: count in this process meanwhile rather than refuse everyone.
      new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
    : new RateLimiterMemory(options);
  return {
    async take(caller, operations = 1) {
      try {
        await limiter.consume(caller, operations);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
  };
}

/** HTTP 429 with `Retry-After`, as Apollo sends an error thrown while building the context. */
export function rateLimited(limit: RateLimit, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    t('gateway.rateLimited', { max: limit.max, seconds: limit.windowMs / 1000, retryAfter: retryAfterSeconds }),
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}
