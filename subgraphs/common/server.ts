import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { createTokenVerifier, signToken, type AuthConfig } from './auth';
import { readSubgraphConfig } from './config';
import { createContext, type Context, type TokenSigner } from './context';
import { Database } from './database';
import { serveHttp, type RunningServer } from './http';
import { databaseReadiness } from './lifecycle';
import { timeSqlStatements } from './metrics';
import { migrateUnderLock } from './migrations';
import { currentRequestScope } from './request-scope';
import { federatedUnitDirectory, type UnitDirectory } from './unit-directory';
import { buildFederatedSchema, type SchemaParts } from './schema';

/** Everything that makes one subgraph; the kit turns it into a running service. */
export interface SubgraphDefinition extends SchemaParts {
  name: string;
  /** Port in local development; also the URL written into the supergraph. */
  port: number;
  entities: Function[];
  migrations: Function[];
  /** Fills an empty database with demo data (`units` places the demo units, from the teams subgraph). */
  seed?: (db: Database, units: UnitDirectory) => Promise<void>;
}

export interface Subgraph {
  apollo: ApolloServer<Context>;
  /** Builds the per-request context from the request's headers (verifies the token). */
  contextFor(headers: IncomingHttpHeaders): Promise<Context>;
}

/**
 * Values that fail GraphQL's own input coercion (a Money with decimals, a bad enum) are refused
 * before any resolver runs, naming the field only in the message
 * (`Variable "$input" got invalid value … at "input.budget[0].unitPrice"`): name it in
 * `extensions.field` too (`budget.0.unitPrice`), as every other input error does.
 */
export function nameTheField(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'BAD_USER_INPUT' || formatted.extensions.field) return formatted;
  const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?;/s.exec(formatted.message);
  if (!match) return formatted;
  const path = match[2] ? match[2].replace(/\[(\d+)\]/g, '.$1').split('.').slice(1).join('.') : match[1];
  return { ...formatted, extensions: { ...formatted.extensions, field: path || match[1] } };
}

export async function createSubgraph(
  definition: SubgraphDefinition,
  db: Database,
  auth: AuthConfig,
  units: UnitDirectory,
): Promise<Subgraph> {
  const schema = await buildFederatedSchema(definition);
  const verify = createTokenVerifier(auth);
  const { secret, issuer, audience } = auth;
  const signer: TokenSigner | null = secret
    ? (claims, lifetimeSeconds) => signToken(claims, secret, { expiresIn: `${lifetimeSeconds}s`, issuer, audience })
    : null;
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    formatError: nameTheField,
    // runService drains on SIGTERM/SIGINT itself (see attachLifecycle).
    stopOnTerminationSignals: false,
    // Traces are for Apollo's hosted studio, which the hub does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return {
    apollo,
    contextFor: async (headers) => createContext(db, units, signer, await verify(headers.authorization)),
  };
}

/** Starts a subgraph from the environment: opens its database, migrates, seeds and serves. */
export async function startSubgraph(definition: SubgraphDefinition, env = process.env): Promise<RunningServer> {
  const config = readSubgraphConfig(definition.name, definition.port, env);
  const db = await Database.open({
    url: config.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  timeSqlStatements(db.dataSource);
  if (config.migrateOnStart) await migrateUnderLock(db);
  const units = federatedUnitDirectory(config.teamsUrl);
  if (config.seedDemoData && definition.seed) await definition.seed(db, units);

  const { apollo, contextFor } = await createSubgraph(definition, db, config.auth, units);
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
  return {
    ...server,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
