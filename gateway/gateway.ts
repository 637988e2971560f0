import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, serveHttp, type RunningServer } from '../subgraphs/common/http';

export interface GatewayContext {
  /** The caller's Authorization header, passed on untouched: each subgraph verifies it. */
  authorization?: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  /** Replaces a subgraph's URL from the supergraph, by subgraph name (e.g. in containers). */
  subgraphUrls?: Record<string, string | undefined>;
  healthTimeoutMs?: number;
}

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Node's own fetch: it keeps connections to the subgraphs alive and costs far less per call than
 * the gateway's default (make-fetch-happen, built for npm's HTTP caching). The gateway always
 * sends a JSON string body.
 */
const nodeFetch: Fetcher = async (url, init) => {
  try {
    return await fetch(url, init as RequestInit);
  } catch (error) {
    throw new Error(networkFailure(error));
  }
};

/** fetch says only "fetch failed"; the cause (ECONNREFUSED, a timeout, a reset…) is what helps. */
function networkFailure(error: unknown): string {
  const { message, cause } = error as Error & { cause?: Error };
  return cause?.message ?? message;
}

class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('authorization' in context && context.authorization) {
      request.http?.headers.set('authorization', context.authorization);
    }
  }

  /**
   * A subgraph refusing a request (e.g. a bad token, HTTP 401) explains why in its body;
   * pass that on instead of a bare "401: Unauthorized", without the subgraph's address.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response)) as { errors?: { message?: string; extensions?: Record<string, unknown> }[] };
    const [first] = (typeof body === 'object' && body?.errors) || [];
    if (!first?.message) return super.errorFromResponse(response);
    return new GraphQLError(first.message, { extensions: { code: first.extensions?.code ?? 'SUBGRAPH_ERROR' } });
  }
}

type SubgraphHealth = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

async function probe(url: string, timeoutMs: number): Promise<SubgraphHealth> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { status: 'down', error: `HTTP ${response.status}` };
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: networkFailure(error) };
  }
}

/** The federation gateway: plans queries over the static supergraph and serves `/health`. */
export async function startGateway({
  supergraphSdl,
  port,
  subgraphUrls = {},
  healthTimeoutMs = 2000,
}: GatewayOptions): Promise<RunningServer> {
  const services = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}`);
      services.set(name, target);
      return new SubgraphDataSource({ url: target, fetcher: nodeFetch, honorSubgraphCacheControlHeader: false });
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // The hub sends no cache hints: computing a cache policy per request (and reading the
    // subgraphs' Cache-Control headers, honorSubgraphCacheControlHeader below) is waste.
    plugins: [ApolloServerPluginCacheControlDisabled()],
  });

  const health = async (_request: IncomingMessage, response: ServerResponse) => {
    const entries = await Promise.all(
      [...services].map(async ([name, url]) => [name, await probe(url, healthTimeoutMs)] as const),
    );
    const up = entries.every(([, result]) => result.status === 'up');
    sendJson(response, up ? 200 : 503, { status: up ? 'ok' : 'degraded', subgraphs: Object.fromEntries(entries) });
  };

  return serveHttp(apollo, {
    port,
    context: async (request) => ({ authorization: request.headers.authorization }),
    routes: { '/health': health },
  });
}
