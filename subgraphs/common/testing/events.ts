import { randomBytes } from 'node:crypto';
import { Database } from '../database';
import { OUTBOX_FEED_INDEX, OUTBOX_TABLES } from '../kit-tables';
import { kitTableMigration } from '../migrations';
import { freshTestDatabaseUrl } from './database';
import { localFeed, pollFeeds } from '../delivery';
import { ConsumedEvent, domainEventOf, eventConsumer, OutboxEvent, relayOutbox, type DomainEvent, type EventConsumer } from '../outbox';

/** A subgraph in a test, by its name and its database. */
export interface EventSourceUnderTest {
  name: string;
  db: Database;
}

/**
 * Delivers, in process, what the sources' outboxes hold to the consumers of one subgraph, as the
 * running hub would (relay, then feed polling), until nothing is left. Answers how many events had
 * their effect. A test calls it after the mutations whose events it wants consumed.
 */
export async function deliverEvents(
  sources: readonly EventSourceUnderTest[],
  to: { db: Database; consumers: readonly (EventConsumer | string)[] },
): Promise<number> {
  for (const source of sources) while ((await relayOutbox(source.db, source.name)) > 0);
  return pollFeeds(
    to.db,
    to.consumers.map(eventConsumer),
    sources.map((source) => localFeed(source.name, source.db)),
  );
}

/** Every event in a subgraph's outbox, relayed or not, oldest first (optionally of one type). */
export async function eventsInOutbox(source: EventSourceUnderTest, type?: string): Promise<DomainEvent[]> {
  const rows = await source.db.manager.find(OutboxEvent, { where: type ? { type } : {}, order: { sequence: 'ASC' } });
  return rows.map((row) => {
    const { position: _position, ...event } = domainEventOf(row, source.name);
    return event;
  });
}

/**
 * A NATS_PREFIX of its own for one test file: the shared NATS server (127.0.0.1:4222) then holds
 * its stream and subjects apart from every other file's and lane's (see delivery's NATS relay).
 */
export function testNatsPrefix(): string {
  return `test_${randomBytes(5).toString('hex')}_`;
}

/** A fresh test database with only the outbox's tables (the kit's own tests). */
export async function outboxTestDatabase(name: string): Promise<Database> {
  const db = await Database.open({
    url: await freshTestDatabaseUrl(`outbox_${name}`),
    entities: [OutboxEvent, ConsumedEvent],
    migrations: [kitTableMigration('Outbox1796200883858', OUTBOX_TABLES), kitTableMigration('OutboxFeedIndex1796300000000', OUTBOX_FEED_INDEX)],
  });
  await db.migrate();
  return db;
}

/** The shared NATS server with JetStream (.ci/run starts it). */
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
