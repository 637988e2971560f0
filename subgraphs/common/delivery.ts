import { timingSafeEqual } from 'node:crypto';
import type { Database } from './database';
import { sendJson, type Route } from './http';
import type { EventBroker } from './nats';
import { consumeEvent, CONSUMED_KEEP_DAYS, feedCursor, OUTBOX_KEEP_DAYS, pruneConsumedEvents, pruneOutbox, readFeed, relayOutbox, type EventConsumer, type FeedEvent } from './outbox';
import { currentLogger } from './request-scope';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Delivery without a broker: a consumer reads each subgraph's feed (its relayed outbox, in
 * position order) after the last position it consumed from that subgraph, and takes the events in
 * order. Where it stands is the highest position in its own `consumed_event` rows, so it needs no
 * other bookkeeping and resumes after a restart exactly where its last committed effect left it.
 */

/** One subgraph's relayed events, read after a position. */
export interface EventFeed {
  /** The producing subgraph's name. */
  source: string;
  read(after: number, types: readonly string[], limit: number): Promise<FeedEvent[]>;
}

/** A feed read straight from the producing subgraph's database: in the same process (tests, and a subgraph reading its own). */
export function localFeed(source: string, db: Database): EventFeed {
  return { source, read: (after, types, limit) => readFeed(db, source, after, types, limit) };
}

const PAGE = 200;

/**
 * Takes, for each consumer, what each feed holds for it past its cursor, page after page until the
 * feeds are drained. An event whose handler fails stops that consumer on that feed (the later ones
 * wait, in order) until the next poll tries again. Answers how many events had their effect.
 */
export async function pollFeeds(db: Database, consumers: readonly EventConsumer[], feeds: readonly EventFeed[]): Promise<number> {
  let handled = 0;
  for (const consumer of consumers) {
    for (const feed of feeds) {
      for (;;) {
        const after = await feedCursor(db, consumer.name, feed.source);
        const page = await feed.read(after, consumer.types, PAGE);
        let failed = false;
        for (const event of page) {
          try {
            if (await consumeEvent(db, consumer, event)) handled += 1;
          } catch (error) {
            currentLogger().error({ err: error, consumer: consumer.name, eventId: event.id, type: event.type }, 'event consumer failed; retrying later');
            failed = true;
            break;
          }
        }
        if (failed || page.length < PAGE) break;
      }
    }
  }
  return handled;
}

/** The HTTP path of a subgraph's feed (never routed by the gateway; see `feedRoute`). */
export const FEED_PATH = '/internal/events';

/** Another subgraph's feed, read over HTTP with the shared secret. */
export function httpFeed(source: string, graphqlUrl: string, secret: string): EventFeed {
  return {
    source,
    async read(after, types, limit) {
      const url = new URL(FEED_PATH, graphqlUrl);
      url.search = new URLSearchParams({ after: String(after), types: types.join(','), limit: String(limit) }).toString();
      const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`The ${source} subgraph's event feed answered ${response.status}`);
      return ((await response.json()) as { events: FeedEvent[] }).events;
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves this subgraph's feed to the other subgraphs' consumers: `GET /internal/events?after=&types=&limit=`
 * with `Authorization: Bearer <EVENT_FEED_SECRET>`. Events carry no personal data, but a partner's
 * or a unit's activity is not for anyone: without the secret, 404, as if there were no such path.
 */
export function feedRoute(source: string, db: Database, secret: string): Route {
  return async (request, response) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, secret)) return sendJson(response, 404, { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const after = Number(query.get('after') ?? 0);
    const limit = Math.min(Number(query.get('limit') ?? PAGE), PAGE);
    const types = (query.get('types') ?? '').split(',').filter(Boolean);
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1) {
      return sendJson(response, 400, { errors: [{ message: 'after and limit must be whole numbers', extensions: { code: 'BAD_REQUEST' } }] });
    }
    sendJson(response, 200, { events: await readFeed(db, source, after, types, limit) });
  };
}

export interface EventDeliveryOptions {
  /** This subgraph: its name, database and the consumers it runs. */
  subgraph: string;
  db: Database;
  consumers: readonly EventConsumer[];
  /** The broker, when NATS_URL is set; else consumers poll the feeds. */
  broker?: EventBroker;
  /** Every subgraph's feed (this one's read locally), polled when there is no broker. */
  feeds: readonly EventFeed[];
  relayIntervalMs: number;
  pollIntervalMs: number;
  /** Relayed events older than this many days are pruned from the outbox, once an hour (default OUTBOX_KEEP_DAYS). */
  outboxKeepDays?: number;
  /** Records of consumed events older than this many days are pruned, once an hour (default CONSUMED_KEEP_DAYS; see pruneConsumedEvents). */
  consumedKeepDays?: number;
  /** How long, from the start, feeds that cannot be read are logged at debug level only, unless read once meanwhile (default FEED_STARTUP_GRACE_MS). */
  startupGraceMs?: number;
}

/**
 * Other subgraphs still starting (`npm start` brings all four up at once) do not answer their feeds
 * yet: until the polling has once succeeded, and for at most this long, that is expected and
 * logged at debug level; after it, a feed that cannot be read is a warning.
 */
export const FEED_STARTUP_GRACE_MS = 60_000;

/**
 * Runs `work` every `intervalMs`, one run at a time, logging its failures (at debug level while
 * `quiet()` says they are expected); `stop` waits for the run in progress.
 */
function every(intervalMs: number, what: string, work: () => Promise<unknown>, quiet = () => false): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(work).catch((error: unknown) => currentLogger()[quiet() ? 'debug' : 'warn']({ err: error }, `${what} failed; trying again`));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * A running subgraph's part in delivery: its relay hands its outbox on (to the broker, or just into
 * its feed), and its consumers take events, from the broker's durable consumers or by polling
 * every subgraph's feed.
 *
 * Without a broker the subgraphs of `npm start` are separate processes with separate databases,
 * and a subgraph never reads another's tables: so each serves its own relayed outbox as a feed
 * (`feedRoute`), and a consumer polls the feeds it needs, keeping its place in its own
 * `consumed_event`. Polling, rather than the producer posting to consumers, keeps the producer
 * ignorant of who consumes what, lets a consumer that was down catch up by itself, and needs no
 * retry queue on the producer's side: the same properties the broker's durable consumers have.
 */
export async function startEventDelivery(options: EventDeliveryOptions): Promise<{ stop(): Promise<void> }> {
  const { subgraph, db, consumers, broker } = options;
  const relay = every(options.relayIntervalMs, 'relaying the outbox', () => relayOutbox(db, subgraph, broker?.publisher));
  const prune = every(HOUR, 'pruning the outbox and the consumed events', async () => {
    await pruneOutbox(db, new Date(Date.now() - (options.outboxKeepDays ?? OUTBOX_KEEP_DAYS) * DAY));
    await pruneConsumedEvents(db, new Date(Date.now() - (options.consumedKeepDays ?? CONSUMED_KEEP_DAYS) * DAY));
  });
  const running: { stop(): Promise<void> }[] = [relay, prune];
  const stop = async () => {
    for (const part of running) await part.stop();
    await broker?.close();
  };
  try {
    if (broker) {
      for (const consumer of consumers) running.push(await broker.consume(subgraph, db, consumer));
    } else if (consumers.length > 0) {
      const quietUntil = Date.now() + (options.startupGraceMs ?? FEED_STARTUP_GRACE_MS);
      let readOnce = false;
      const poll = async () => {
        await pollFeeds(db, consumers, options.feeds);
        readOnce = true;
      };
      running.push(every(options.pollIntervalMs, 'polling the event feeds', poll, () => !readOnce && Date.now() < quietUntil));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
