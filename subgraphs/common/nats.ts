import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Database } from './database';
import { consumeEvent, OUTBOX_KEEP_DAYS, type DomainEvent, type EventConsumer, type EventPublisher, type FeedEvent } from './outbox';
import { currentLogger } from './request-scope';

/**
 * The broker between subgraphs when NATS_URL is set: every subgraph's relay publishes its outbox
 * to one JetStream stream, on `<prefix>hub.events.<source>.<type>`, with the event's id as the
 * message id (JetStream drops a copy published again within the duplicate window, e.g. after a
 * relay crashed between publishing and marking); each (subgraph, consumer) has a durable pull
 * consumer filtered on its types, which acknowledges an event only once its effect is committed
 * (`consumeEvent`), so a crash or a broker restart means a redelivery, never a loss.
 *
 * NATS_PREFIX names the stream and subjects apart, so tests (a random prefix per file, see
 * testing/events.ts) and several hubs can share one NATS server.
 */
export interface BrokerOptions {
  url: string;
  prefix: string;
  /** Names the connection in the server's monitoring: the subgraph's name. */
  name: string;
  /**
   * How long the stream keeps an event (EVENT_OUTBOX_KEEP_DAYS, as the outbox): events carry the keyed
   * hash of a person's phone (`personal-data-request.done`), so they are not kept for ever.
   */
  keepDays?: number;
}

/** How long JetStream remembers a message id to drop its copies. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
/** How long a delivered event may go unacknowledged before JetStream delivers it again. */
const ACK_WAIT_MS = 30_000;
/** How long a consumer waits before an event its handler failed on is delivered again. */
const RETRY_DELAY_MS = 5_000;

export class EventBroker {
  private constructor(
    private readonly connection: NatsConnection,
    private readonly manager: JetStreamManager,
    private readonly client: JetStreamClient,
    private readonly prefix: string,
  ) {}

  /** Connects, and makes the stream if it is missing. Keeps reconnecting for as long as it runs. */
  static async connect({ url, prefix, name, keepDays = OUTBOX_KEEP_DAYS }: BrokerOptions): Promise<EventBroker> {
    const connection = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const manager = await jetstreamManager(connection);
    const broker = new EventBroker(connection, manager, jetstream(connection), prefix);
    await broker.ensureStream(nanos(keepDays * 86_400_000));
    return broker;
  }

  /** Stream names allow no dots: the prefix's other characters are kept. */
  get stream(): string {
    return `${this.prefix}hub_events`.replace(/[^A-Za-z0-9_-]/g, '_');
  }

  subjectOf(source: string, type: string): string {
    return `${this.prefix}hub.events.${source}.${type}`;
  }

  /** Makes the stream if it is missing; gives one made before (or with another period) the maximum age configured. */
  private async ensureStream(maxAge: number): Promise<void> {
    const existing = await this.manager.streams.info(this.stream).catch(() => null);
    if (!existing) {
      await this.manager.streams.add({
        name: this.stream,
        subjects: [`${this.prefix}hub.events.>`],
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
        max_age: maxAge,
      });
    } else if (existing.config.max_age !== maxAge) {
      await this.manager.streams.update(this.stream, { max_age: maxAge });
    }
  }

  /** How long the stream keeps an event, in nanoseconds (0: for ever). */
  async maxAge(): Promise<number> {
    return (await this.manager.streams.info(this.stream)).config.max_age;
  }

  /** Publishes a relay's batch in order; resolves when JetStream has stored every event (its acknowledgement). */
  get publisher(): EventPublisher {
    return {
      publish: async (events: readonly FeedEvent[]) => {
        await Promise.all(
          events.map(({ position: _position, ...event }) =>
            this.client.publish(this.subjectOf(event.source, event.type), JSON.stringify(event), { msgID: event.id }),
          ),
        );
      },
    };
  }

  /**
   * Runs `consumer` in the subgraph `subgraph` (whose database is `db`) on its durable consumer,
   * made if missing: `<subgraph>-<consumer>`, from the stream's first message, so events published
   * before the consumer first ran reach it too. Returns how to stop it.
   */
  async consume(subgraph: string, db: Database, consumer: EventConsumer): Promise<{ stop(): Promise<void> }> {
    const durable = `${subgraph}-${consumer.name}`;
    // One filter subject (servers before 2.10, Debian 12's, take no list): the type itself when the
    // consumer takes one, else every event, the others acknowledged without effect (consumeEvent skips them).
    const filter = consumer.types.length === 1 ? `${this.prefix}hub.events.*.${consumer.types[0]}` : `${this.prefix}hub.events.>`;
    try {
      await this.manager.consumers.info(this.stream, durable);
    } catch {
      await this.manager.consumers.add(this.stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(ACK_WAIT_MS),
        filter_subject: filter,
      });
    }
    const messages = await (await this.client.consumers.get(this.stream, durable)).consume({ max_messages: 100 });
    const done = (async () => {
      for await (const message of messages) {
        const event = message.json<DomainEvent>();
        try {
          await consumeEvent(db, consumer, event);
          message.ack();
        } catch (error) {
          currentLogger().error({ err: error, consumer: consumer.name, eventId: event.id, type: event.type }, 'event consumer failed; delivered again later');
          message.nak(RETRY_DELAY_MS);
        }
      }
    })();
    return {
      stop: async () => {
        await messages.close();
        await done;
      },
    };
  }

  /** Deletes the stream and its consumers: a test's own prefix, once the test is done with it. */
  async deleteStream(): Promise<void> {
    await this.manager.streams.delete(this.stream);
  }

  async close(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
