import DataLoader from 'dataloader';
import { Column, Entity, In, PrimaryColumn, type EntityManager } from 'typeorm';
import type { Context } from './context';
import { inSlices, type Database } from './database';

/**
 * A person's processing restricted (Law 91/2025/QH15: the right to restrict): the hub keeps their
 * data but stops processing it (no reminders to them, not offered in lists for new work, not in
 * spreadsheets) until they ask for the restriction to be lifted. Each subgraph keeps the people
 * restricted in its own table, from `personal-data-request.done` (data-subject.ts; teams in the
 * decision's transaction), and every processing step asks it before it acts.
 */
@Entity('processing_restriction')
export class ProcessingRestriction {
  /** Whose processing: subjectKeyOf their phone, the key the records' phone hashes hold (never the phone). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  subjectKey: string;

  /** The request whose outcome restricted it (teams' personal_data_request). */
  @Column({ type: 'varchar', length: 36 })
  requestId: string;

  @Column({ type: 'datetime' })
  restrictedAt: Date;
}

/** Restricts the person's processing, once: the key is the primary key, so a redelivery or two at once leave one row. */
export async function restrictProcessing(manager: EntityManager, subjectKey: string, requestId: string): Promise<void> {
  await manager.createQueryBuilder().insert().into(ProcessingRestriction).values({ subjectKey, requestId, restrictedAt: new Date() }).orIgnore().execute();
}

/** Lifts the restriction (the person asked; or their data is erased, and the key must go with it). */
export async function liftRestriction(manager: EntityManager, subjectKey: string): Promise<void> {
  await manager.delete(ProcessingRestriction, { subjectKey });
}

/** Which of these keys (records' phone hashes, null for a record without a phone) are restricted: one query. */
export async function restrictedAmong(manager: EntityManager, keys: readonly (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(keys.filter((key): key is string => key !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await inSlices(wanted, (slice) => manager.findBy(ProcessingRestriction, { subjectKey: In(slice) }));
  return new Set(rows.map((row) => row.subjectKey));
}

/** The records whose person's processing is not restricted (`keyOf`: the record's phone hash). */
export async function unrestricted<T>(manager: EntityManager, records: readonly T[], keyOf: (record: T) => string | null): Promise<T[]> {
  const restricted = await restrictedAmong(manager, records.map(keyOf));
  return records.filter((record) => {
    const key = keyOf(record);
    return key === null || !restricted.has(key);
  });
}

/** Per request: whether each key's processing is restricted, the keys of a request's resolvers read in one query. */
export const restrictedKeys = (db: Database) =>
  new DataLoader<string, boolean>(async (keys) => {
    const restricted = await restrictedAmong(db.manager, keys);
    return keys.map((key) => restricted.has(key));
  });

/** Whether the processing of the person behind this key (a record's phone hash; null: none) is restricted. */
export async function isRestricted(ctx: Context, key: string | null): Promise<boolean> {
  return key !== null && ctx.loaders.get(restrictedKeys).load(key);
}

/**
 * Teams announces a member's restriction to the subgraphs that hold work keyed by the membership
 * (partners' trainings: attendance is keyed by the member's id, and partners hold no phone hash of
 * members): ids only, no personal data; not offered to webhooks.
 */
export const MEMBER_PROCESSING_RESTRICTED = 'member-processing.restricted';
export const MEMBER_PROCESSING_RESTRICTION_LIFTED = 'member-processing.restriction-lifted';

/** `member-processing.restricted` and `member-processing.restriction-lifted` v1. */
export interface MemberProcessingRestrictionV1 {
  /** The request whose outcome restricted or lifted it (teams' personal_data_request). */
  requestId: string;
  /** The person's memberships (teams' Member ids) when the officer decided. */
  memberIds: string[];
}
