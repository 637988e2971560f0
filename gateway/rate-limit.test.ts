import { createRateLimiter } from './rate-limit';

describe('the in-memory rate limiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());
  const limiter = () => createRateLimiter({ max: 2, windowMs: 10_000 });

  it('allows `max` requests per window, then says how long to wait', async () => {
    const limits = limiter();
    expect(await limits.take('sub:a')).toEqual({ allowed: true });
    expect(await limits.take('sub:a')).toEqual({ allowed: true });
    jest.advanceTimersByTime(2_500);
    expect(await limits.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 8 });
  });

  it('counts each caller on its own', async () => {
    const limits = limiter();
    await limits.take('sub:a');
    await limits.take('sub:a');
    expect((await limits.take('sub:a')).allowed).toBe(false);
    expect(await limits.take('ip:10.0.0.1')).toEqual({ allowed: true });
  });

  it('starts a new window once the old one has ended', async () => {
    const limits = limiter();
    for (let i = 0; i < 3; i += 1) await limits.take('sub:a');
    jest.advanceTimersByTime(10_001);
    expect(await limits.take('sub:a')).toEqual({ allowed: true });
  });

  it('counts every operation of a batch', async () => {
    const limits = limiter();
    expect(await limits.take('sub:a', 2)).toEqual({ allowed: true });
    expect((await limits.take('sub:a', 1)).allowed).toBe(false);
    expect((await limits.take('sub:b', 3)).allowed).toBe(false);
  });

  it('never asks to wait less than a second', async () => {
    const limits = limiter();
    await limits.take('sub:a');
    await limits.take('sub:a');
    jest.advanceTimersByTime(9_999);
    expect(await limits.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
