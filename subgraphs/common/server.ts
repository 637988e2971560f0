import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { createTokenVerifier, signToken, type AuthConfig, type Viewer } from './auth';
import { readSubgraphConfig, type SubgraphConfig } from './config';
import { logger } from './logging';
import { createContext, type Context, type TokenSigner } from './context';
import { Database } from './database';
import { serveHttp, type RunningServer } from './http';
import { databaseReadiness } from './lifecycle';
import { maskingErrorFormatter } from './masking';
import { timeSqlStatements } from './metrics';
import { migrateUnderLock } from './migrations';
import { useKeyRing } from './personal-data';
import { useChannels } from './reminders/channels';
import { useRequestDeadline } from './data-subject';
import { ReminderScheduler, type ReminderJob } from './reminders/scheduler';
import { readRetentionRules, type RetentionRules } from './retention';
import { currentLogger, currentRequestScope } from './request-scope';
import { federatedUnitDirectory, type UnitDirectory } from './unit-directory';
import { federatedPeers, noPeers, type PeersFor } from './peers';
import { federatedWorkingRelations, noWorkingRelations, type WorkingRelationsFor } from './working-relations';
import { buildFederatedSchema, type SchemaParts } from './schema';
import { nameUncoercibleVariables } from './validation';
import { feedRoute, FEED_PATH, httpFeed, localFeed, startEventDelivery } from './delivery';
import { EventBroker } from './nats';
import { eventConsumer, type EventConsumer } from './outbox';

/** Everything that makes one subgraph; the kit turns it into a running service. */
export interface SubgraphDefinition extends SchemaParts {
  name: string;
  /** Port in local development; also the URL written into the supergraph. */
  port: number;
  entities: Function[];
  migrations: Function[];
  /** The event consumers this subgraph runs (see outbox.ts `onEvent`), by name or as registered. */
  consumers?: readonly (EventConsumer | string)[];
  /** Fills an empty database with demo data (`units` places the demo units, from the teams subgraph). */
  seed?: (db: Database, units: UnitDirectory) => Promise<void>;
  /** Work the running subgraph does besides serving (partners' webhook deliveries), from its environment; stopped when it closes. */
  background?: (db: Database, env: NodeJS.ProcessEnv) => { stop(): Promise<void> };
  /** Scheduled reminders from its own data, run once across its replicas (reminders/scheduler.ts). */
  reminders?: readonly ReminderJob[];
  /** Its retention rules (`npm run retention`), with their periods from the environment; every subgraph adds the access log's. */
  retention: RetentionRules;
  /** Where the subgraph knows the tree itself (teams): what tokens' unit codes stand for now, without asking over HTTP. */
  currentUnitCodes?: (db: Database) => Pick<UnitDirectory, 'currentCodes'>;
}

/**
 * An officer's token names the units they oversee; the tree may have been reorganised since it
 * was issued, so they also oversee what those codes cover now. Should the teams subgraph not
 * answer, the token's own codes still hold (never more than it says).
 */
async function scopedNow(viewer: Viewer, units: Pick<UnitDirectory, 'currentCodes'>): Promise<Viewer> {
  if (viewer.unitCodes.length === 0) return viewer;
  try {
    return viewer.alsoOverseeing(await units.currentCodes(viewer.unitCodes));
  } catch (error) {
    currentLogger().warn({ err: error }, 'could not look up what the token’s unit codes stand for now');
    return viewer;
  }
}

export interface Subgraph {
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  /** Builds the per-request context from the request's headers (verifies the token). */
  contextFor(headers: IncomingHttpHeaders): Promise<Context>;
}

/**
 * In production (see isProduction), a subgraph shows callers what the gateway does: no
 * introspection, no suggestions, no landing page, internal errors masked behind the request id.
 * The gateway plans over the static supergraph, so it needs neither introspection nor `_service`.
 */
export async function createSubgraph(
  definition: SubgraphDefinition,
  db: Database,
  auth: AuthConfig,
  units: UnitDirectory,
  { production = false, relations = noWorkingRelations, peers = noPeers }: { production?: boolean; relations?: WorkingRelationsFor; peers?: PeersFor } = {},
): Promise<Subgraph> {
  const schema = await buildFederatedSchema(definition);
  const verify = createTokenVerifier(auth);
  const { secret, issuer, audience } = auth;
  const signer: TokenSigner | null = secret
    ? (claims, lifetimeSeconds) => signToken(claims, secret, { expiresIn: `${lifetimeSeconds}s`, issuer, audience })
    : null;
  const mask = maskingErrorFormatter(production);
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    ...(production ? { includeStacktraceInErrorResponses: false, formatError: mask } : {}),
    // runService drains on SIGTERM/SIGINT itself (see attachLifecycle).
    stopOnTerminationSignals: false,
    // Traces are for Apollo's hosted studio, which the hub does not use. Cache hints neither (no
    // field sets one, the gateway ignores them): the cache-control plugin, on by default, wrapped
    // every field's resolver (a promise and a hook per field: ~10 % of a page of teams' CPU).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      nameUncoercibleVariables,
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  return {
    apollo,
    schema,
    contextFor: async (headers) => {
      const viewer = await scopedNow(await verify(headers.authorization), definition.currentUnitCodes?.(db) ?? units);
      return createContext(db, units, signer, viewer, relations(viewer, headers.authorization), peers(headers.authorization));
    },
  };
}

/** Starts a subgraph from the environment: opens its database, migrates, seeds and serves. */
export async function startSubgraph(definition: SubgraphDefinition, env = process.env): Promise<RunningServer> {
  const config = readSubgraphConfig(definition.name, definition.port, env);
  useKeyRing(config.keyRing);
  useChannels(config.reminders.channels);
  useRequestDeadline(config.personalDataRequestDeadlineHours);
  // The job applies them, but a period below a legal minimum stops the deployment here already.
  readRetentionRules(definition.retention, env);
  const db = await Database.open({
    url: config.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  timeSqlStatements(db.dataSource);
  if (config.migrateOnStart) await migrateUnderLock(db);
  const units = federatedUnitDirectory(config.teamsUrl);
  if (config.seedDemoData && definition.seed) await definition.seed(db, units);
  const background = definition.background?.(db, env);

  const { apollo, contextFor } = await createSubgraph(definition, db, config.auth, units, {
    production: config.production,
    relations: federatedWorkingRelations({ partners: config.partnersUrl, events: config.eventsUrl }),
    peers: federatedPeers({ teams: config.teamsUrl, resources: config.resourcesUrl, partners: config.partnersUrl, events: config.eventsUrl }),
  });
  const delivery = await startDelivery(definition, db, config);
  const server = await serveHttp(apollo, {
    port: config.port,
    routes: config.events.feedSecret ? { [FEED_PATH]: feedRoute(definition.name, db, config.events.feedSecret) } : {},
    context: async (request) => {
      const context = await contextFor(request.headers);
      const scope = currentRequestScope();
      if (scope && context.viewer.subject) scope.subject = context.viewer.subject;
      return context;
    },
    exposeMetrics: config.exposeMetrics,
    lifecycle: { ...config.lifecycle, readiness: databaseReadiness(db.dataSource) },
  });
  const scheduler = definition.reminders?.length ? new ReminderScheduler(db, definition.reminders) : undefined;
  scheduler?.start(config.reminders.checkMinutes * 60_000);
  return {
    ...server,
    async close() {
      // Draining starts at once (readiness turns false); background work stops meanwhile.
      const draining = server.close();
      await Promise.all([background?.stop(), scheduler?.stop()]);
      await draining;
      await delivery.stop();
      await db.close();
    },
  };
}

/** The subgraph's relay and consumers (delivery.ts): on the broker when NATS_URL is set, else polling the other subgraphs' feeds. */
async function startDelivery(definition: SubgraphDefinition, db: Database, config: SubgraphConfig) {
  const { natsUrl, natsPrefix, feedSecret, relayIntervalMs, pollIntervalMs, outboxKeepDays, consumedKeepDays } = config.events;
  const consumers = (definition.consumers ?? []).map(eventConsumer);
  const broker = natsUrl ? await EventBroker.connect({ url: natsUrl, prefix: natsPrefix, name: definition.name, keepDays: outboxKeepDays }) : undefined;
  const urls: Record<string, string> = { teams: config.teamsUrl, resources: config.resourcesUrl, partners: config.partnersUrl, events: config.eventsUrl };
  const feeds = Object.entries(urls).flatMap(([name, url]) =>
    name === definition.name ? [localFeed(name, db)] : feedSecret ? [httpFeed(name, url, feedSecret)] : [],
  );
  if (!broker && consumers.length > 0 && !feedSecret) {
    logger.error('Event consumers cannot read the other subgraphs\' events: set NATS_URL (or EVENT_FEED_SECRET in every subgraph)');
  }
  return startEventDelivery({ subgraph: definition.name, db, consumers, broker, feeds, relayIntervalMs, pollIntervalMs, outboxKeepDays, consumedKeepDays });
}
