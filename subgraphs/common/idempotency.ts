import { createHash } from 'node:crypto';
import { Column, CreateDateColumn, Entity, Index, type EntityManager } from 'typeorm';
import type { Database } from './database';
import { IdentifiedEntity } from './entity';
import { conflict } from './errors';

/** A claimed idempotency key and the row its first request created. */
@Entity('idempotency_key')
@Index('UQ_idempotency_key_scope_key', ['scope', 'key'], { unique: true })
export class IdempotencyKey extends IdentifiedEntity {
  /** The mutation and the caller: keys are per caller, as with payment APIs. */
  @Column({ type: 'varchar', length: 160 })
  scope: string;

  @Column({ type: 'varchar', length: 100 })
  key: string;

  /** SHA-256 of the request's input: the same key with other input is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  resultId: string | null;

  @CreateDateColumn()
  createdAt: Date;
}

export interface IdempotentRequest {
  /** e.g. `recordCashDonation:<token subject>` */
  scope: string;
  key?: string | null;
  input: unknown;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs `work` in a transaction at most once per idempotency key: a retry with the same key
 * gets the first result back (through `replay`) and writes nothing. The key is claimed in
 * the same transaction as the work, so a failed attempt leaves the key free, and two
 * concurrent attempts meet at the unique index: the second waits, fails, and replays.
 */
export async function once<T extends { id: string }>(
  db: Database,
  { scope, key, input }: IdempotentRequest,
  work: (manager: EntityManager) => Promise<T>,
  replay: (manager: EntityManager, id: string) => Promise<T>,
): Promise<T> {
  if (!key) return db.transaction(work);
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');

  const replayed = async (manager: EntityManager): Promise<T | undefined> => {
    const claimed = await manager.findOneBy(IdempotencyKey, { scope, key });
    if (!claimed?.resultId) return undefined;
    if (claimed.requestHash !== requestHash) {
      throw conflict(`idempotencyKey ${key} was already used for a different request`);
    }
    return replay(manager, claimed.resultId);
  };

  try {
    return await db.transaction(async (manager) => {
      const earlier = await replayed(manager);
      if (earlier) return earlier;
      const claim = await manager.save(manager.create(IdempotencyKey, { scope, key, requestHash, resultId: null }));
      const result = await work(manager);
      await manager.update(IdempotencyKey, { id: claim.id }, { resultId: result.id });
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const earlier = await replayed(db.manager);
      if (earlier) return earlier;
    }
    throw error;
  }
}
