import { signToken } from '../subgraphs/common/auth';

/** Every service of the benchmarks signs and verifies tokens with this (never used outside them). */
export const BENCH_JWT_SECRET = 'benchmark-only-secret-of-at-least-32-characters';

/** An `Authorization` header's value for `claims`, signed with the benchmarks' secret. */
export const bearer = async (claims: Parameters<typeof signToken>[0]) => `Bearer ${await signToken(claims, BENCH_JWT_SECRET)}`;
