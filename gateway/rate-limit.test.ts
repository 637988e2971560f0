import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  let now = 0;
  const limiter = () => new RateLimiter({ max: 2, windowMs: 10_000 }, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows `max` requests per window, then says how long to wait', () => {
    const limits = limiter();
    expect(limits.take('sub:a')).toEqual({ allowed: true });
    expect(limits.take('sub:a')).toEqual({ allowed: true });
    now += 2_500;
    expect(limits.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 8 });
  });

  it('counts each caller on its own', () => {
    const limits = limiter();
    limits.take('sub:a');
    limits.take('sub:a');
    expect(limits.take('sub:a').allowed).toBe(false);
    expect(limits.take('ip:10.0.0.1')).toEqual({ allowed: true });
  });

  it('starts a new window once the old one has ended', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i += 1) limits.take('sub:a');
    now += 10_000;
    expect(limits.take('sub:a')).toEqual({ allowed: true });
  });

  it('never asks to wait less than a second', () => {
    const limits = limiter();
    limits.take('sub:a');
    limits.take('sub:a');
    now += 9_999;
    expect(limits.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
