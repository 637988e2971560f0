import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, type EntityManager } from 'typeorm';
import { PERSONAL_FIELDS } from './audit';
import { insertRow, isDuplicateKey, type Database } from './database';

/**
 * Domain events (issue 20): each subgraph writes what happened into its own `outbox_event` table
 * in the transaction that made the change (no event without its change, no change without its
 * event); a relay (delivery.ts) then hands the outbox on, to NATS JetStream when NATS_URL is set,
 * else to consumers polling each subgraph's feed. Consumers run in a transaction together with the
 * record that they consumed the event (`consumed_event`), so a redelivery has no second effect:
 * at-least-once delivery, exactly-once effect. The catalogue of event types is docs/events.md.
 */

/** Who may see an event: the unit whose subtree it belongs to, the partner whose record it is (webhooks filter on these). */
export interface EventScope {
  unitPath?: string;
  partnerId?: string;
}

export interface DomainEventInput<P = unknown> {
  /** Dotted, past tense: `unit.moved`, `receipt.recorded`, `stall-application.decided`. */
  type: string;
  /** The payload's schema version, from 1; a change a consumer could trip on gets the next one. */
  version: number;
  /** The id (or code) of the record the event is about. */
  subject: string;
  /** JSON of ids and codes only: never personal data (names, phones, addresses). */
  payload: P;
  scope?: EventScope;
}

export interface DomainEvent<P = unknown> extends DomainEventInput<P> {
  /** A uuid, the same on every redelivery. */
  id: string;
  /** The producing subgraph: `teams`, `resources`, `partners` or `events`. */
  source: string;
  /** ISO 8601. */
  occurredAt: string;
}

/** An event as a subgraph's feed serves it: `position` orders the feed (see relayOutbox). */
export interface FeedEvent<P = unknown> extends DomainEvent<P> {
  position: number;
}

/** One event in the outbox of the subgraph whose database this is. */
@Entity('outbox_event')
@Index('UQ_outbox_event_id', ['id'], { unique: true })
@Index('UQ_outbox_event_position', ['position'], { unique: true })
// A consumer reads the feed past its cursor for its few types: by position alone MariaDB read every
// event past the cursor, and one whose types never come (a cursor at 0) read the whole outbox every second.
@Index('IDX_outbox_event_type_position', ['type', 'position'])
export class OutboxEvent {
  /** The order events were written in (not quite commit order on MySQL: see relayOutbox). */
  @PrimaryGeneratedColumn()
  sequence: number;

  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  type: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 64 })
  subject: string;

  /** JSON. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  unitPath: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  partnerId: string | null;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  /** Set by the relay once the event is handed on: its place in this subgraph's feed, gapless and in commit order. */
  @Column({ type: 'int', nullable: true })
  position: number | null;

  @Column({ type: 'datetime', nullable: true })
  publishedAt: Date | null;
}

/** That a consumer of this subgraph has had the effect of an event: a second delivery finds it and does nothing. */
@Entity('consumed_event')
@Index('IDX_consumed_event_cursor', ['consumer', 'source', 'position'])
export class ConsumedEvent {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  consumer: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  source: string;

  /** The event's position in its source's feed (the polling consumer resumes after the highest); null from the broker. */
  @Column({ type: 'int', nullable: true })
  position: number | null;

  @Column({ type: 'datetime' })
  consumedAt: Date;
}

const EVENT_TYPE = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/;

/** The personal fields (audit.ts's list) anywhere in a payload: a programming error, refused before anything is written. */
function personalFieldsIn(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => personalFieldsIn(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(PERSONAL_FIELDS.has(key) ? [`${path}${key}`] : []),
    ...personalFieldsIn(inner, `${path}${key}.`),
  ]);
}

/** Writes the event into this subgraph's outbox in the caller's transaction: it lands with the change, or neither does. */
export async function recordEvent(manager: EntityManager, event: DomainEventInput): Promise<void> {
  if (!EVENT_TYPE.test(event.type)) throw new Error(`Event type "${event.type}" must be dotted lower-case words, e.g. receipt.recorded`);
  if (!Number.isInteger(event.version) || event.version < 1) throw new Error(`Event ${event.type}: version must be a whole number from 1`);
  const personal = personalFieldsIn(event.payload);
  if (personal.length > 0) throw new Error(`Event ${event.type} carries personal data (${personal.join(', ')}): events carry ids and codes only`);
  await insertRow(manager, OutboxEvent, {
    id: randomUUID(),
    type: event.type,
    version: event.version,
    subject: event.subject,
    payload: JSON.stringify(event.payload ?? null),
    unitPath: event.scope?.unitPath ?? null,
    partnerId: event.scope?.partnerId ?? null,
    occurredAt: new Date(),
    position: null,
    publishedAt: null,
  });
}

/** The event a row holds, as consumers see it. */
export function domainEventOf(row: OutboxEvent, source: string): FeedEvent {
  const scope: EventScope = {
    ...(row.unitPath !== null ? { unitPath: row.unitPath } : {}),
    ...(row.partnerId !== null ? { partnerId: row.partnerId } : {}),
  };
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    subject: row.subject,
    payload: JSON.parse(row.payload) as unknown,
    scope,
    source,
    occurredAt: new Date(row.occurredAt).toISOString(),
    position: Number(row.position),
  };
}

/** Takes the event in the consumer's transaction (`manager`); `db` for its locking reads (Database.lockForUpdate). */
export type EventHandler = (event: DomainEvent, manager: EntityManager, db: Database) => Promise<void>;

/** A consumer: a name unique across the hub (its deliveries are recorded under it), the event types it takes, and what it does. */
export interface EventConsumer {
  name: string;
  types: readonly string[];
  handler: EventHandler;
}

const registry = new Map<string, EventConsumer>();

const CONSUMER_NAME = /^[a-z][a-z0-9-]{0,79}$/;

/**
 * Registers a consumer for events of the given types from any subgraph. A subgraph runs the
 * consumers its definition lists (`consumers` in SubgraphDefinition, by name or by what this
 * returns). The handler runs in a transaction (manager) together with the record that it consumed
 * the event (table `consumed_event`, unique on (consumer, eventId)), so a redelivery has no second effect.
 */
export function onEvent(consumer: string, types: readonly string[], handler: EventHandler): EventConsumer {
  if (!CONSUMER_NAME.test(consumer)) throw new Error(`Consumer name "${consumer}" must be lower-case letters, digits and -`);
  if (registry.has(consumer)) throw new Error(`A consumer named ${consumer} is already registered`);
  const bad = types.find((type) => !EVENT_TYPE.test(type));
  if (bad !== undefined) throw new Error(`Consumer ${consumer}: "${bad}" is not an event type`);
  const registered = { name: consumer, types: [...types], handler };
  registry.set(consumer, registered);
  return registered;
}

/** A consumer by what a subgraph's definition lists: itself, or its registered name. */
export function eventConsumer(consumer: EventConsumer | string): EventConsumer {
  if (typeof consumer !== 'string') return consumer;
  const registered = registry.get(consumer);
  if (!registered) throw new Error(`No consumer named ${consumer} is registered (onEvent)`);
  return registered;
}

/**
 * Has `consumer` take `event` in `db`, once: the record that it did is written first, in the same
 * transaction as the handler's effect, so two deliveries racing (two replicas, a redelivery) meet
 * on the primary key and only one has an effect. Answers whether this delivery had it.
 */
export async function consumeEvent(db: Database, consumer: EventConsumer, event: DomainEvent & { position?: number | null }): Promise<boolean> {
  if (!consumer.types.includes(event.type)) return false;
  const done = await db.manager.existsBy(ConsumedEvent, { consumer: consumer.name, eventId: event.id });
  if (done) return false;
  try {
    await db.transaction(async (manager) => {
      await manager.insert(ConsumedEvent, {
        consumer: consumer.name,
        eventId: event.id,
        source: event.source,
        position: event.position ?? null,
        consumedAt: new Date(),
      });
      const { position: _position, ...domainEvent } = event;
      await consumer.handler(domainEvent, manager, db);
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error) && (await db.manager.existsBy(ConsumedEvent, { consumer: consumer.name, eventId: event.id }))) return false;
    throw error;
  }
}

/** Where a polling consumer resumes in a source's feed: after the last position it consumed. */
export async function feedCursor(db: Database, consumer: string, source: string): Promise<number> {
  const row = await db.manager
    .createQueryBuilder(ConsumedEvent, 'consumed')
    .select('MAX(consumed.position)', 'position')
    .where('consumed.consumer = :consumer AND consumed.source = :source', { consumer, source })
    .getRawOne<{ position: number | string | null }>();
  return Number(row?.position ?? 0);
}

/** Hands relayed events on (to NATS JetStream): resolves once the broker has them all. */
export interface EventPublisher {
  publish(events: readonly FeedEvent[]): Promise<void>;
}

/** Serialises relays in one process (SQLite's only process; on MySQL the named lock covers other processes too). */
const relaysRunning = new WeakMap<Database, Promise<unknown>>();

/**
 * Hands on the events not yet relayed, oldest first, and gives each its feed position. One relay
 * per database at a time (MySQL: a named lock; another replica's relay skips its turn), so positions
 * are gapless and follow commit order: an event committed late, behind a higher `sequence` already
 * relayed, gets the next position rather than a lower one a feed reader has passed. A crash after
 * the commit and before this leaves the rows unrelayed: the next run hands them on (after a crash
 * between publishing and marking, it publishes them again; JetStream drops the copy by its message id,
 * and consumers would anyway). Answers how many it relayed.
 */
export async function relayOutbox(db: Database, source: string, publisher?: EventPublisher, batch = 200): Promise<number> {
  const previous = relaysRunning.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => (db.isMysql ? relayUnderLock(db, source, publisher, batch) : relayBatch(db, source, publisher, batch)));
  relaysRunning.set(db, run.catch(() => undefined));
  return run;
}

async function relayUnderLock(db: Database, source: string, publisher: EventPublisher | undefined, batch: number): Promise<number> {
  const session = db.dataSource.createQueryRunner();
  await session.connect();
  try {
    const [{ name }] = (await session.query('SELECT DATABASE() AS name')) as { name: string }[];
    const lock = `hub-outbox-relay:${name}`;
    const [{ acquired }] = (await session.query('SELECT GET_LOCK(?, 0) AS acquired', [lock])) as { acquired: number | null }[];
    if (Number(acquired) !== 1) return 0;
    try {
      return await relayBatch(db, source, publisher, batch);
    } finally {
      await session.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await session.release();
  }
}

async function relayBatch(db: Database, source: string, publisher: EventPublisher | undefined, batch: number): Promise<number> {
  const rows = await db.manager
    .createQueryBuilder(OutboxEvent, 'event')
    .where('event.position IS NULL')
    .orderBy('event.sequence', 'ASC')
    .limit(batch)
    .getMany();
  if (rows.length === 0) return 0;
  const last = await db.manager.createQueryBuilder(OutboxEvent, 'event').select('MAX(event.position)', 'position').getRawOne<{ position: number | string | null }>();
  const first = Number(last?.position ?? 0) + 1;
  rows.forEach((row, index) => (row.position = first + index));
  await publisher?.publish(rows.map((row) => domainEventOf(row, source)));
  // The batch's positions in one UPDATE, not one per event: a write peak (a month's reports, a
  // partner's batch) relays hundreds at a time. Sequences and positions are integers, inlined.
  const sequence = db.dataSource.driver.escape('sequence');
  const positions = `CASE ${sequence} ${rows.map((row) => `WHEN ${Number(row.sequence)} THEN ${Number(row.position)}`).join(' ')} END`;
  await db.transaction((manager) =>
    manager
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ position: () => positions, publishedAt: new Date() })
      .whereInIds(rows.map((row) => row.sequence))
      .execute(),
  );
  return rows.length;
}

/** How many days relayed events stay in the outbox by default (EVENT_OUTBOX_KEEP_DAYS). */
export const OUTBOX_KEEP_DAYS = 30;

/**
 * Deletes the events relayed before `relayedBefore`, but never the last one relayed: the relay
 * numbers the next event after it, and a feed reader's position must stay ahead of nothing. Unrelayed
 * events are never pruned. A consumer polling the feed that stays down longer than the events are
 * kept misses the pruned ones (EVENT_OUTBOX_KEEP_DAYS). Answers how many it deleted.
 */
export async function pruneOutbox(db: Database, relayedBefore: Date): Promise<number> {
  const last = await db.manager.createQueryBuilder(OutboxEvent, 'event').select('MAX(event.position)', 'position').getRawOne<{ position: number | string | null }>();
  if (last?.position === null || last?.position === undefined) return 0;
  const { affected } = await db.manager
    .createQueryBuilder()
    .delete()
    .from(OutboxEvent)
    .where('position < :last', { last: Number(last.position) })
    .andWhere('publishedAt < :relayedBefore', { relayedBefore })
    .execute();
  return affected ?? 0;
}

/** How many days consumers' records of the events they took are kept by default (EVENT_CONSUMED_KEEP_DAYS). */
export const CONSUMED_KEEP_DAYS = 90;

/**
 * Deletes consumers' records (`consumed_event`) of events consumed before `consumedBefore`, but
 * for each consumer and feed never the one at the highest position: that is where a polling
 * consumer resumes (feedCursor), and without it the consumer would read the feed from its start.
 * A pruned record must not be needed again, so no delivery may bring its event after it:
 * - a feed never serves again what lies at or below the consumer's kept position;
 * - JetStream delivers again only what was not acknowledged, within ACK_WAIT of a replica running
 *   (and the pruning runs only in a running replica, an hour after it starts);
 * - a feed read from its start (the broker taken away: records from the broker have no position)
 *   serves what its outbox keeps, relayed up to EVENT_OUTBOX_KEEP_DAYS ago: so the records are kept
 *   longer than that (the configuration refuses less).
 * Answers how many it deleted.
 */
export async function pruneConsumedEvents(db: Database, consumedBefore: Date): Promise<number> {
  const cursors = await db.manager
    .createQueryBuilder(ConsumedEvent, 'consumed')
    .select(['consumed.consumer AS consumer', 'consumed.source AS source', 'MAX(consumed.position) AS position'])
    .where('consumed.position IS NOT NULL')
    .groupBy('consumed.consumer')
    .addGroupBy('consumed.source')
    .getRawMany<{ consumer: string; source: string; position: number | string }>();
  const consumers = await db.manager
    .createQueryBuilder(ConsumedEvent, 'consumed')
    .select('DISTINCT consumed.consumer', 'consumer')
    .where('consumed.consumedAt < :consumedBefore', { consumedBefore })
    .getRawMany<{ consumer: string }>();
  let deleted = 0;
  for (const { consumer } of consumers) {
    const kept = cursors.filter((cursor) => cursor.consumer === consumer);
    const query = db.manager
      .createQueryBuilder()
      .delete()
      .from(ConsumedEvent)
      .where('consumer = :consumer AND consumedAt < :consumedBefore', { consumer, consumedBefore });
    // One condition per feed the consumer polled (four subgraphs at most), true for a record with no position.
    kept.forEach(({ source, position }, index) =>
      query.andWhere(`(position IS NULL OR source <> :source${index} OR position <> :position${index})`, { [`source${index}`]: source, [`position${index}`]: Number(position) }),
    );
    deleted += (await query.execute()).affected ?? 0;
  }
  return deleted;
}

/** The relayed events after `after` in this database's feed, of the given types, oldest first. */
export async function readFeed(db: Database, source: string, after: number, types: readonly string[], limit = 200): Promise<FeedEvent[]> {
  if (types.length === 0) return [];
  const rows = await db.manager
    .createQueryBuilder(OutboxEvent, 'event')
    .where('event.position > :after', { after })
    .andWhere('event.type IN (:...types)', { types })
    .orderBy('event.position', 'ASC')
    .limit(limit)
    .getMany();
  return rows.map((row) => domainEventOf(row, source));
}
