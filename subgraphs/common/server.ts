import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { createTokenVerifier, signToken, type AuthConfig } from './auth';
import { readSubgraphConfig } from './config';
import { createContext, type Context, type TokenSigner } from './context';
import { Database } from './database';
import { serveHttp, type RunningServer } from './http';
import { databaseReadiness } from './lifecycle';
import { maskingErrorFormatter } from './masking';
import { timeSqlStatements } from './metrics';
import { migrateUnderLock } from './migrations';
import { useKeyRing } from './personal-data';
import { currentRequestScope } from './request-scope';
import { federatedUnitDirectory, type UnitDirectory } from './unit-directory';
import { federatedWorkingRelations, noWorkingRelations, type WorkingRelationsFor } from './working-relations';
import { buildFederatedSchema, type SchemaParts } from './schema';
import { nameUncoercibleVariables } from './validation';

/** Everything that makes one subgraph; the kit turns it into a running service. */
export interface SubgraphDefinition extends SchemaParts {
  name: string;
  /** Port in local development; also the URL written into the supergraph. */
  port: number;
  entities: Function[];
  migrations: Function[];
  /** Fills an empty database with demo data (`units` places the demo units, from the teams subgraph). */
  seed?: (db: Database, units: UnitDirectory) => Promise<void>;
  /** Work the running service does on its own (e.g. resuming import jobs); returns how to stop it, awaited before the database closes. */
  background?: (db: Database) => () => Promise<void>;
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
  { production = false, relations = noWorkingRelations }: { production?: boolean; relations?: WorkingRelationsFor } = {},
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
    // Traces are for Apollo's hosted studio, which the hub does not use.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      nameUncoercibleVariables,
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  return {
    apollo,
    schema,
    contextFor: async (headers) => {
      const viewer = await verify(headers.authorization);
      return createContext(db, units, signer, viewer, relations(viewer, headers.authorization));
    },
  };
}

/** Starts a subgraph from the environment: opens its database, migrates, seeds and serves. */
export async function startSubgraph(definition: SubgraphDefinition, env = process.env): Promise<RunningServer> {
  const config = readSubgraphConfig(definition.name, definition.port, env);
  useKeyRing(config.keyRing);
  const db = await Database.open({
    url: config.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  timeSqlStatements(db.dataSource);
  if (config.migrateOnStart) await migrateUnderLock(db);
  const units = federatedUnitDirectory(config.teamsUrl);
  if (config.seedDemoData && definition.seed) await definition.seed(db, units);

  const { apollo, contextFor } = await createSubgraph(definition, db, config.auth, units, {
    production: config.production,
    relations: federatedWorkingRelations({ partners: config.partnersUrl, events: config.eventsUrl }),
  });
  const server = await serveHttp(apollo, {
    port: config.port,
    context: async (request) => {
      const context = await contextFor(request.headers);
      const scope = currentRequestScope();
      if (scope && context.viewer.subject) scope.subject = context.viewer.subject;
      return context;
    },
    exposeMetrics: config.exposeMetrics,
    lifecycle: { ...config.lifecycle, readiness: databaseReadiness(db.dataSource) },
  });
  const stopBackground = definition.background?.(db);
  return {
    ...server,
    async close() {
      await server.close();
      await stopBackground?.();
      await db.close();
    },
  };
}
