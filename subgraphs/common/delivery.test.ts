import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './database';
import { captureLogs } from './logging';
import { FEED_PATH, feedRoute, httpFeed, localFeed, pollFeeds, startEventDelivery, type EventFeed } from './delivery';
import { EventBroker } from './nats';
import { consumeEvent, onEvent, recordEvent, relayOutbox } from './outbox';
import { eventsInOutbox, outboxTestDatabase, TEST_NATS_URL, testNatsPrefix } from './testing/events';

/** The consumer's effect: an event of its own in the consumer's outbox, written in the handler's transaction. */
const tallies = onEvent('delivery-tallies', ['receipt.recorded'], async (event, manager) => {
  await recordEvent(manager, { type: 'tally.counted', version: 1, subject: event.subject, payload: { receiptId: event.subject } });
});

const receipt = (id: string) => ({ type: 'receipt.recorded', version: 1, subject: id, payload: { receiptId: id }, scope: { partnerId: 'p-1' } });

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('event delivery', () => {
  let producer: Database;
  let consumer: Database;
  const effects = async () => (await eventsInOutbox({ name: 'partners', db: consumer }, 'tally.counted')).map((event) => event.subject);

  beforeEach(async () => {
    producer = await outboxTestDatabase('delivery_producer');
    consumer = await outboxTestDatabase('delivery_consumer');
  });
  afterEach(async () => {
    await producer?.close();
    await consumer?.close();
  });

  describe('without a broker: the feed over HTTP', () => {
    let server: Server;
    let url: string;
    const secret = 'a-feed-secret-for-this-test-only-0123456789';

    beforeEach(async () => {
      const route = feedRoute('resources', producer, secret);
      server = createServer((request, response) => void route(request, response));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is read by a consumer in another database, page by page, and hidden from callers without the secret', async () => {
      for (let index = 1; index <= 5; index += 1) await producer.transaction((manager) => recordEvent(manager, receipt(`r-${index}`)));
      await relayOutbox(producer, 'resources');

      expect((await fetch(new URL(`${FEED_PATH}?after=0&types=receipt.recorded`, url))).status).toBe(404);
      expect(await httpFeed('resources', url, 'wrong').read(0, ['receipt.recorded'], 10).catch((error: Error) => error.message)).toMatch('404');
      expect((await httpFeed('resources', url, secret).read(2, ['receipt.recorded'], 2)).map((event) => event.subject)).toEqual(['r-3', 'r-4']);

      expect(await pollFeeds(consumer, [tallies], [httpFeed('resources', url, secret)])).toBe(5);
      expect(await pollFeeds(consumer, [tallies], [httpFeed('resources', url, secret)])).toBe(0);
      expect(await effects()).toEqual(['r-1', 'r-2', 'r-3', 'r-4', 'r-5']);
    });

    it('runs the relay and the polling consumers on their own, as `npm start` does', async () => {
      const running = [
        await startEventDelivery({ subgraph: 'resources', db: producer, consumers: [], feeds: [], relayIntervalMs: 20, pollIntervalMs: 20 }),
        await startEventDelivery({ subgraph: 'partners', db: consumer, consumers: [tallies], feeds: [localFeed('partners', consumer), httpFeed('resources', url, secret)], relayIntervalMs: 20, pollIntervalMs: 20 }),
      ];
      try {
        for (let index = 1; index <= 3; index += 1) await producer.transaction((manager) => recordEvent(manager, receipt(`r-${index}`)));
        await until('the three effects', async () => ((await effects()).length === 3 ? true : undefined));
        expect(await effects()).toEqual(['r-1', 'r-2', 'r-3']);
      } finally {
        for (const part of running) await part.stop();
      }
    });
  });

  describe('through NATS JetStream', () => {
    it('keeps events in the stream only as long as the outbox does (EVENT_OUTBOX_KEEP_DAYS), a stream made before included', async () => {
      const prefix = testNatsPrefix();
      const day = 86_400_000_000_000; // nanoseconds
      const first = await EventBroker.connect({ url: TEST_NATS_URL, prefix, name: 'retention-test' });
      expect(await first.maxAge()).toBe(30 * day);
      await first.close();
      // The same stream, the period changed: the running stream takes it.
      const second = await EventBroker.connect({ url: TEST_NATS_URL, prefix, name: 'retention-test', keepDays: 7 });
      try {
        expect(await second.maxAge()).toBe(7 * day);
      } finally {
        await second.close();
      }
    });

    it('publishes the outbox to the stream and has each event consumed once, a copy published again or redelivered included', async () => {
      const prefix = testNatsPrefix();
      const broker = await EventBroker.connect({ url: TEST_NATS_URL, prefix, name: 'delivery-test' });
      const consuming = await broker.consume('partners', consumer, tallies);
      try {
        for (const id of ['r-1', 'r-2', 'r-3']) await producer.transaction((manager) => recordEvent(manager, receipt(id)));
        expect(await relayOutbox(producer, 'resources', broker.publisher)).toBe(3);
        // A relay that crashed before marking what it published publishes it again: JetStream drops the copy.
        const [first] = await eventsInOutbox({ name: 'resources', db: producer });
        await broker.publisher.publish([{ ...first, position: 1 }]);
        await until('the three effects', async () => ((await effects()).length >= 3 ? true : undefined));
        // A redelivery reaching the consumer anyway has no second effect.
        expect(await consumeEvent(consumer, tallies, first)).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await effects()).toEqual(['r-1', 'r-2', 'r-3']);
      } finally {
        await consuming.stop();
        await broker.deleteStream();
        await broker.close();
      }
    });

    describe('when the broker stops and starts again under load', () => {
      let server: ChildProcess | undefined;
      let storeDir: string;
      let port: number;

      async function startServer(): Promise<void> {
        server = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
        await until('the NATS server', () =>
          new Promise<true | undefined>((resolve) => {
            const socket = createConnection(port, '127.0.0.1');
            socket.once('data', () => (socket.destroy(), resolve(true)));
            socket.once('error', () => resolve(undefined));
          }),
        );
      }
      async function stopServer(): Promise<void> {
        const stopping = server;
        server = undefined;
        if (!stopping || stopping.exitCode !== null) return;
        await new Promise((resolve) => (stopping.once('exit', resolve), stopping.kill('SIGKILL')));
      }

      beforeEach(async () => {
        storeDir = mkdtempSync(join(tmpdir(), 'hub-nats-'));
        // A free port for this test's own server (the shared one at 4222 is never stopped).
        const probe = createServer();
        await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
        port = (probe.address() as AddressInfo).port;
        await new Promise((resolve) => probe.close(resolve));
        await startServer();
      });
      afterEach(async () => {
        await stopServer();
        rmSync(storeDir, { recursive: true, force: true });
      });

      it('loses nothing and has no effect twice', async () => {
        const url = `nats://127.0.0.1:${port}`;
        const prefix = testNatsPrefix();
        const connect = (name: string) => EventBroker.connect({ url, prefix, name });
        const running = [
          await startEventDelivery({ subgraph: 'resources', db: producer, consumers: [], feeds: [], broker: await connect('resources'), relayIntervalMs: 20, pollIntervalMs: 20 }),
          await startEventDelivery({ subgraph: 'partners', db: consumer, consumers: [tallies], feeds: [], broker: await connect('partners'), relayIntervalMs: 20, pollIntervalMs: 20 }),
        ];
        const written: string[] = [];
        const write = async (count: number) => {
          for (let index = 0; index < count; index += 1) {
            const id = `r-${written.length + 1}`;
            await producer.transaction((manager) => recordEvent(manager, receipt(id)));
            written.push(id);
          }
        };
        try {
          const writing = write(150);
          await until('the first effects', async () => ((await effects()).length >= 20 ? true : undefined));
          await stopServer(); // killed while the writes and the relay go on
          await writing;
          await write(50);
          await startServer();
          await write(50);
          const all = await until('every effect', async () => {
            const seen = await effects();
            return seen.length >= written.length ? seen : undefined;
          }, 60_000);
          expect(all).toHaveLength(written.length);
          expect(new Set(all)).toEqual(new Set(written));
        } finally {
          for (const part of running) await part.stop();
        }
      }, 90_000);
    });
  });
});

describe('while the other subgraphs start', () => {
  let db: Database;
  beforeAll(async () => {
    db = await outboxTestDatabase('delivery_startup');
  });
  afterAll(() => db.close());

  /** A feed whose subgraph is not answering while `down` (as fetch fails when nothing listens yet). */
  const feed = (state: { down: boolean }): EventFeed => ({
    source: 'resources',
    read: async () => {
      if (state.down) throw new TypeError('fetch failed');
      return [];
    },
  });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const warnings = (lines: Record<string, any>[]) => lines.filter((line) => line.msg === 'polling the event feeds failed; trying again');

  it('stays quiet about feeds not answering until the first read; after it, a feed down is a warning', async () => {
    const state = { down: true };
    const logs = captureLogs();
    const delivery = await startEventDelivery({ subgraph: 'partners', db, consumers: [tallies], feeds: [feed(state)], relayIntervalMs: 1_000, pollIntervalMs: 20, startupGraceMs: 60_000 });
    try {
      await pause(200);
      expect(warnings(logs.lines)).toEqual([]);
      state.down = false;
      await pause(100);
      state.down = true;
      await until('a warning', async () => (warnings(logs.lines).length > 0 ? true : undefined), 5_000);
      expect(warnings(logs.lines)[0]).toMatchObject({ level: 'warn', err: { message: 'fetch failed' } });
    } finally {
      await delivery.stop();
      logs.restore();
    }
  });

  it('warns once the start-up grace is over, if no feed was ever read', async () => {
    const logs = captureLogs();
    const delivery = await startEventDelivery({ subgraph: 'partners', db, consumers: [tallies], feeds: [feed({ down: true })], relayIntervalMs: 1_000, pollIntervalMs: 20, startupGraceMs: 300 });
    try {
      await pause(150);
      expect(warnings(logs.lines)).toEqual([]);
      await until('a warning', async () => (warnings(logs.lines).length > 0 ? true : undefined), 5_000);
    } finally {
      await delivery.stop();
      logs.restore();
    }
  });
});
