import { createHash, randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, Entity, Index, type EntityManager } from 'typeorm';
import { isDeadlock, isDuplicateKey, runAgainWhile, type Database } from './database';
import { IdentifiedEntity } from './entity';
import { conflict, invalidInput } from './errors';
import { t } from './messages';

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
  /** The id the work's result will have, when the caller chooses it: the key is then claimed with its result in one statement. */
  resultId?: string;
}

/** The description of an `idempotencyKey` argument beside a mutation's id or input. */
export const RETRY_KEY = 'Any unique string (8 to 100 characters) per intended write, e.g. a UUID: a retry with the same key answers the first result and writes nothing more';

/**
 * An idempotency key given as a mutation's argument, checked as inputs check theirs (8 to 100
 * characters): class-validator checks only input objects, and a longer key would not fit its column.
 */
export function checkedKey(key: string | null | undefined): string | null | undefined {
  if (key != null && (key.length < 8 || key.length > 100)) throw invalidInput('idempotencyKey', t('checks.isLength', { min: 8, max: 100 }));
  return key;
}

/** A concurrent attempt got there first (a unique index other than the key's) or the two crossed (deadlock): running again replays. */
const lostRace = (error: unknown) => isDuplicateKey(error) || isDeadlock(error);

/**
 * How many times, at most, a transaction that keeps losing races is run. Once more is not
 * always enough: while the winner of a batch claims its later keys, MariaDB may pick a waiter
 * as a deadlock's victim (the winner's insert into the gap before its first key meets the
 * waiter's lock request on that key), and again when it is run at once, before the winner commits.
 */
const RACE_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction that claims idempotency keys (with `claimOnce`). Two concurrent
 * requests with the same key meet at the key's unique index: the second's claim waits for the
 * first to end and then replays it; a deadlock between them is run again (see RACE_ATTEMPTS).
 */
export function idempotentTransaction<T>(db: Database, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return runAgainWhile(lostRace, () => db.transaction(work), RACE_ATTEMPTS);
}

/** What the claim's columns hold: a longer value is refused, never cut (two callers' keys would meet). */
const COLUMN_LENGTHS = { scope: 160, key: 100, resultId: 36 } as const;

/**
 * Inserts the claim unless its scope and key are taken, and says whether it did: one statement,
 * the unique index deciding. On MySQL `INSERT IGNORE` (with the claim's values checked to fit, as
 * IGNORE would also turn a value too long into a warning), waiting, like any insert, for an
 * attempt still running with the same key to end; on SQLite `INSERT OR IGNORE`.
 */
async function insertUnlessTaken(manager: EntityManager, claim: IdempotencyKey): Promise<boolean> {
  if (!manager.queryRunner) throw new Error('claimOnce runs inside a transaction');
  for (const [column, length] of Object.entries(COLUMN_LENGTHS)) {
    // Its length only: a scope holds the caller's token subject.
    if ((claim[column as keyof typeof COLUMN_LENGTHS]?.length ?? 0) > length) throw new Error(`Idempotency key's ${column} longer than ${length} characters`);
  }
  const ignore = manager.connection.options.type === 'better-sqlite3' ? 'OR IGNORE' : 'IGNORE';
  const { affected } = await manager.queryRunner.query(
    `INSERT ${ignore} INTO idempotency_key (id, scope, \`key\`, requestHash, resultId) VALUES (?, ?, ?, ?, ?)`,
    [claim.id, claim.scope, claim.key, claim.requestHash, claim.resultId],
    true,
  );
  return affected === 1;
}

/**
 * Inside a transaction, runs `work` at most once per idempotency key: a retry with the same
 * key gets the first result back (through `replay`) and writes nothing; the same key with
 * other input is a CONFLICT. The key is claimed in the transaction of the work, so a failed
 * attempt leaves it free. The claim is inserted before `work` takes its locks, not looked up
 * first (a statement fewer on every first request): when the key is taken, by a retry's first
 * attempt or by a concurrent one that committed while the insert waited, the claim read then is
 * the first's, fresh because transactions run at READ COMMITTED (see Database.transaction).
 */
export async function claimOnce<T extends { id: string }>(
  manager: EntityManager,
  { scope, key, input, resultId }: IdempotentRequest,
  work: () => Promise<T>,
  replay: (id: string) => Promise<T>,
): Promise<T> {
  if (!key) return work();
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const claim = manager.create(IdempotencyKey, { id: randomUUID(), scope, key, requestHash, resultId: resultId ?? null });
  if (!(await insertUnlessTaken(manager, claim))) {
    const claimed = await manager.findOneByOrFail(IdempotencyKey, { scope, key });
    if (claimed.requestHash !== requestHash) throw conflict(t('conflicts.idempotencyKeyReused', { key }));
    if (!claimed.resultId) throw new Error(`Idempotency key ${key} claimed twice in one transaction`);
    return replay(claimed.resultId);
  }
  const result = await work();
  if (result.id !== resultId) await manager.update(IdempotencyKey, { id: claim.id }, { resultId: result.id });
  return result;
}

/** One idempotent write in its own transaction (see `claimOnce`). */
export function once<T extends { id: string }>(
  db: Database,
  request: IdempotentRequest,
  work: (manager: EntityManager) => Promise<T>,
  replay: (manager: EntityManager, id: string) => Promise<T>,
): Promise<T> {
  return idempotentTransaction(db, (manager) =>
    claimOnce(manager, request, () => work(manager), (id) => replay(manager, id)),
  );
}

/**
 * A keyed write whose answer is a list (a period's targets or locks), in its own transaction: the
 * key is claimed with the id of whose list it is (`owner`), and the first call and a retry both
 * answer the list as read after the write, so a retry writes nothing and answers what the first did.
 */
export function onceListed<T>(
  db: Database,
  request: Omit<IdempotentRequest, 'resultId'>,
  owner: string,
  listed: (manager: EntityManager) => Promise<T[]>,
  write: (manager: EntityManager) => Promise<void>,
): Promise<T[]> {
  return idempotentTransaction(db, async (manager) => {
    const answer = async (id: string) => ({ id, list: await listed(manager) });
    const work = async () => {
      await write(manager);
      return answer(owner);
    };
    return (await claimOnce(manager, { ...request, resultId: owner }, work, answer)).list;
  });
}
