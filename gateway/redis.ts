import Redis from 'ioredis';
import { logger } from '../subgraphs/common/logging';

/**
 * The Redis the gateway replicas share (rate limit counts, the APQ cache). Commands fail at once
 * while it is unreachable instead of queueing: the rate limit then counts in the process and APQ
 * asks clients to send the full query again, so the hub keeps serving.
 */
export async function connectRedis(url: string, keyPrefix: string): Promise<Redis> {
  const redis = new Redis(url, { keyPrefix, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let reported = false;
  redis.on('error', (error: Error) => {
    // ioredis retries on its own; one line per outage, not one per attempt.
    if (!reported) logger.warn({ err: error }, 'Redis unreachable: each replica counts rate limits on its own and APQ documents are not kept meanwhile');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('Redis reachable again');
    reported = false;
  });
  // Serve from the start with the shared counts when Redis answers; without it if it does not.
  await new Promise<void>((resolve) => {
    redis.once('ready', resolve);
    redis.once('error', () => resolve());
  });
  return redis;
}

/** Apollo's `KeyValueCache` over Redis, for automatic persisted queries shared by every replica. */
export class RedisQueryCache {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key).catch(() => null)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl;
    await (ttl ? this.redis.set(key, value, 'EX', ttl) : this.redis.set(key, value)).catch(() => undefined);
  }

  async delete(key: string): Promise<boolean | void> {
    await this.redis.del(key).catch(() => undefined);
  }
}
