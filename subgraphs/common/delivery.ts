import type { Database } from './database';
import { currentLogger } from './request-scope';
import { consumeEvent, feedCursor, readFeed, type EventConsumer, type FeedEvent } from './outbox';

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
