import type { Database } from './database';
import { IsNull, Not } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { ConsumedEvent, consumeEvent, feedCursor, onEvent, OutboxEvent, pruneConsumedEvents, pruneOutbox, readFeed, recordEvent, relayOutbox, type DomainEvent } from './outbox';
import { deliverEvents, eventsInOutbox, outboxTestDatabase } from './testing/events';
import { explainQueries } from './testing/subgraph';

const received: DomainEvent[] = [];
let failNext = false;
/** The consumer's effect is an event of its own, in the consumer's outbox: written in the handler's transaction. */
const tallies = onEvent('test-tallies', ['receipt.recorded'], async (event, manager) => {
  received.push(event);
  await recordEvent(manager, { type: 'tally.counted', version: 1, subject: event.subject, payload: { receiptId: event.subject } });
  if (failNext) {
    failNext = false;
    throw new Error('the consumer fails after its effect');
  }
});

describe('the outbox', () => {
  let producer: Database;
  let consumer: Database;
  const resources = () => ({ name: 'resources', db: producer });
  const effects = () => eventsInOutbox({ name: 'partners', db: consumer }, 'tally.counted');

  beforeAll(async () => {
    producer = await outboxTestDatabase('producer');
    consumer = await outboxTestDatabase('consumer');
  });
  afterAll(async () => {
    await producer?.close();
    await consumer?.close();
  });
  beforeEach(() => (received.length = 0));

  const receipt = (id: string) => ({ type: 'receipt.recorded', version: 1, subject: id, payload: { receiptId: id, amount: 5_000_000 }, scope: { unitPath: '/40/' } });

  it('keeps an event only when the write it belongs to commits', async () => {
    await expect(
      producer.transaction(async (manager) => {
        await recordEvent(manager, receipt('r-failed'));
        throw new Error('the write fails after its event was recorded');
      }),
    ).rejects.toThrow('the write fails');
    await producer.transaction((manager) => recordEvent(manager, receipt('r-1')));

    const events = await eventsInOutbox(resources());
    expect(events.map((event) => event.subject)).toEqual(['r-1']);
    expect(events[0]).toMatchObject({ type: 'receipt.recorded', version: 1, source: 'resources', payload: { receiptId: 'r-1' }, scope: { unitPath: '/40/' } });
    expect(new Date(events[0].occurredAt).toISOString()).toBe(events[0].occurredAt);
  });

  it('refuses a payload with personal data, and writes nothing', async () => {
    await expect(
      producer.transaction((manager) => recordEvent(manager, { type: 'receipt.recorded', version: 1, subject: 'r-x', payload: { donor: { phone: '0912345678' } } })),
    ).rejects.toThrow('donor.phone');
    expect((await eventsInOutbox(resources())).map((event) => event.subject)).toEqual(['r-1']);
  });

  it('delivers each event to a consumer in another database once, in order, and resumes after what it consumed', async () => {
    await producer.transaction((manager) => recordEvent(manager, receipt('r-2')));
    expect(await deliverEvents([resources()], { db: consumer, consumers: ['test-tallies'] })).toBe(2);
    expect(received.map((event) => event.subject)).toEqual(['r-1', 'r-2']);

    // Nothing new: nothing delivered. A new event: only it.
    expect(await deliverEvents([resources()], { db: consumer, consumers: [tallies] })).toBe(0);
    await producer.transaction((manager) => recordEvent(manager, receipt('r-3')));
    expect(await deliverEvents([resources()], { db: consumer, consumers: [tallies] })).toBe(1);
    expect((await effects()).map((event) => event.subject)).toEqual(['r-1', 'r-2', 'r-3']);
  });

  it('has no second effect when an event is delivered again', async () => {
    const [first] = await eventsInOutbox(resources(), 'receipt.recorded');
    expect(await consumeEvent(consumer, tallies, first)).toBe(false);
    await Promise.all([consumeEvent(consumer, tallies, first), consumeEvent(consumer, tallies, first)]);
    expect(received).toEqual([]);
    expect((await effects()).filter((event) => event.subject === first.subject)).toHaveLength(1);
  });

  it('keeps neither the effect nor the record of a consumer that failed, and delivers the event again', async () => {
    await producer.transaction((manager) => recordEvent(manager, receipt('r-4')));
    failNext = true;
    expect(await deliverEvents([resources()], { db: consumer, consumers: [tallies] })).toBe(0);
    expect((await effects()).map((event) => event.subject)).not.toContain('r-4');

    expect(await deliverEvents([resources()], { db: consumer, consumers: [tallies] })).toBe(1);
    expect((await effects()).filter((event) => event.subject === 'r-4')).toHaveLength(1);
  });

  it('relays what was committed but not yet relayed (a crash between commit and publish loses nothing), gapless', async () => {
    // Committed while no relay ran (the process died before relaying them).
    for (const id of ['r-5', 'r-6', 'r-7']) await producer.transaction((manager) => recordEvent(manager, receipt(id)));
    const published: string[] = [];
    const publisher = { publish: async (events: readonly DomainEvent[]) => void published.push(...events.map((event) => event.subject)) };
    // A new process's relay: hands on exactly those, once.
    expect(await relayOutbox(producer, 'resources', publisher, 2)).toBe(2);
    expect(await relayOutbox(producer, 'resources', publisher, 2)).toBe(1);
    expect(await relayOutbox(producer, 'resources', publisher, 2)).toBe(0);
    expect(published).toEqual(['r-5', 'r-6', 'r-7']);
    // Numbered in the order they were written, batch after batch, every one marked relayed.
    const relayed = await producer.manager.find(OutboxEvent, { order: { sequence: 'ASC' } });
    expect(relayed.map((row) => Number(row.position))).toEqual(relayed.map((_, index) => index + 1));
    expect(relayed.filter((row) => row.publishedAt === null)).toEqual([]);
    expect(await deliverEvents([resources()], { db: consumer, consumers: [tallies] })).toBe(3);
  });

  it('does not publish again what a relay marked as relayed, and publishes again what it could not mark', async () => {
    await producer.transaction((manager) => recordEvent(manager, receipt('r-8')));
    await expect(relayOutbox(producer, 'resources', { publish: () => Promise.reject(new Error('broker down')) })).rejects.toThrow('broker down');
    const published: string[] = [];
    expect(await relayOutbox(producer, 'resources', { publish: async (events) => void published.push(...events.map((event) => event.subject)) })).toBe(1);
    expect(published).toEqual(['r-8']);
  });

  it('prunes events relayed longer ago than it keeps them, never the last one relayed nor one not yet relayed, and numbers on', async () => {
    const DAY = 86_400_000;
    for (const id of ['r-9', 'r-10']) await producer.transaction((manager) => recordEvent(manager, receipt(id)));
    await relayOutbox(producer, 'resources');
    await producer.transaction((manager) => recordEvent(manager, receipt('r-11')));
    // Everything relayed two days ago, but r-9 just now.
    await producer.manager.update(OutboxEvent, { position: Not(IsNull()) }, { publishedAt: new Date(Date.now() - 2 * DAY) });
    await producer.manager.update(OutboxEvent, { subject: 'r-9' }, { publishedAt: new Date() });
    const before = await producer.manager.count(OutboxEvent);
    const last = Number((await producer.manager.findOneByOrFail(OutboxEvent, { subject: 'r-10' })).position);

    expect(await pruneOutbox(producer, new Date(Date.now() - DAY))).toBe(before - 3);
    expect((await producer.manager.find(OutboxEvent, { order: { sequence: 'ASC' } })).map((row) => row.subject)).toEqual(['r-9', 'r-10', 'r-11']);
    expect(await pruneOutbox(producer, new Date(Date.now() - DAY))).toBe(0);
    await relayOutbox(producer, 'resources');
    expect(Number((await producer.manager.findOneByOrFail(OutboxEvent, { subject: 'r-11' })).position)).toBe(last + 1);
  });

  describe('the consumers\' records, with a fake clock', () => {
    const DAY = 86_400_000;
    const start = new Date('2027-01-01T08:00:00Z');
    /** Only the date moves: the database drivers keep their real timers. */
    const clockAt = (at: Date) => {
      jest.useFakeTimers({ now: at, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    };
    afterEach(() => jest.useRealTimers());
    const recordsOf = async () => (await consumer.manager.find(ConsumedEvent, { where: { consumer: 'test-tallies' } })).length;

    it('prunes records older than it keeps them, never the one a polling consumer resumes after, and delivers nothing again', async () => {
      const subjects = ['old-1', 'old-2', 'old-3'];
      clockAt(start);
      // The earlier tests' records (consumed at the real date, before the fake one): all go but the cursor's.
      await pruneConsumedEvents(consumer, start);
      for (const id of subjects) await producer.transaction((manager) => recordEvent(manager, receipt(id)));
      await deliverEvents([resources()], { db: consumer, consumers: [tallies] });
      const cursor = await feedCursor(consumer, 'test-tallies', 'resources');
      const recordsBefore = await recordsOf();

      // Ten days later, kept for eleven: only the earlier cursor's record goes, now behind the new cursor.
      clockAt(new Date(start.getTime() + 10 * DAY));
      expect(await pruneConsumedEvents(consumer, new Date(Date.now() - 11 * DAY))).toBe(1);
      // Kept for nine: the three records of ten days ago, but the cursor's.
      expect(await pruneConsumedEvents(consumer, new Date(Date.now() - 9 * DAY))).toBe(recordsBefore - 2);
      const kept = await consumer.manager.find(ConsumedEvent, { where: { consumer: 'test-tallies' } });
      expect(kept.map((row) => Number(row.position))).toEqual([cursor]);

      // The polling consumer resumes where it was: the feed still holds the pruned records' events, none has a second effect.
      received.length = 0;
      await producer.transaction((manager) => recordEvent(manager, receipt('new-1')));
      expect(await deliverEvents([resources()], { db: consumer, consumers: [tallies] })).toBe(1);
      expect(received.map((event) => event.subject)).toEqual(['new-1']);
      expect((await effects()).filter((event) => subjects.includes(event.subject))).toHaveLength(subjects.length);
      // The record just made is recent: kept; the former cursor's is old, and no longer the cursor.
      expect(await pruneConsumedEvents(consumer, new Date(Date.now() - 9 * DAY))).toBe(1);
      expect(await feedCursor(consumer, 'test-tallies', 'resources')).toBe(cursor + 1);
    });

    it('keeps a record from the broker (no position) while it is recent, and prunes it once it is old', async () => {
      clockAt(start);
      const [event] = await eventsInOutbox(resources(), 'receipt.recorded');
      const fromBroker = { ...event, id: '00000000-0000-4000-8000-00000000b0b0', position: null };
      expect(await consumeEvent(consumer, tallies, fromBroker)).toBe(true);
      clockAt(new Date(start.getTime() + 5 * DAY));
      await pruneConsumedEvents(consumer, new Date(Date.now() - 9 * DAY));
      // Redelivered while kept: no second effect.
      expect(await consumeEvent(consumer, tallies, fromBroker)).toBe(false);
      clockAt(new Date(start.getTime() + 30 * DAY));
      await pruneConsumedEvents(consumer, new Date(Date.now() - 9 * DAY));
      expect(await consumer.manager.existsBy(ConsumedEvent, { consumer: 'test-tallies', eventId: fromBroker.id })).toBe(false);
    });
  });
});

describe('a consumer’s read of the feed on MariaDB', () => {
  let db: Database;
  beforeAll(async () => {
    db = await outboxTestDatabase('feed_index');
  });
  afterAll(() => db?.close());

  it('reads only the events of its types past its cursor, through the index on (type, position), not the whole outbox', async () => {
    if (!db.isMysql) return; // the plan is MariaDB's; SQLite's planner is not what runs at national scale
    // A partner's busy outbox (its trainings) and, once, the event the consumer waits for.
    const event = (type: string, position: number) => ({
      id: randomUUID(), type, version: 1, subject: `s-${position}`, payload: '{}', unitPath: '/40/', partnerId: null, occurredAt: new Date(), position, publishedAt: new Date(),
    });
    await db.manager.insert(OutboxEvent, Array.from({ length: 2000 }, (_, index) => event('training.logged', index + 1)));
    await db.manager.insert(OutboxEvent, event('unit.renamed', 2001));
    await db.manager.query('ANALYZE TABLE outbox_event');

    const plans = await explainQueries(
      db,
      async () => expect((await readFeed(db, 'partners', 0, ['unit.renamed', 'unit.moved', 'unit.merged'])).map((read) => read.position)).toEqual([2001]),
      /FROM `outbox_event`/,
    );
    expect(plans).toHaveLength(1);
    expect(plans[0][0]).toMatchObject({ key: 'IDX_outbox_event_type_position' });
    expect(Number(plans[0][0].rows)).toBeLessThan(10);
  });
});
