import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { attachLifecycle, type LifecycleOptions } from './lifecycle';
import { logger, nameService } from './logging';
import { serveMetrics, startProcessMetrics } from './metrics';
import { languageOf, t } from './messages';
import { currentRequestId, currentRequestScope, runInRequestScope } from './request-scope';
import { telemetryPlugin } from './telemetry';
import { startTracing } from './tracing';

export { currentRequestId } from './request-scope';

export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface HttpOptions<TContext extends BaseContext> {
  port: number;
  host?: string;
  /** Builds a request's context; `operations` is how many it holds (a batch, more than one). */
  context: (request: IncomingMessage, operations: number) => Promise<TContext>;
  /** Extra GET routes beside `/graphql`, e.g. `/health`. */
  routes?: Record<string, Route>;
  /** Largest request body accepted, in bytes; larger ones are refused with 413. */
  maxBodyBytes?: number;
  /** Most operations one batched request (a JSON array) may hold; unset leaves batches to Apollo. */
  maxBatchSize?: number;
  /** Browser origins allowed to call (CORS), `*` for any; unset: no CORS headers at all. */
  corsOrigins?: string[];
  /** Readiness, draining and keep-alive (`/livez`, `/readyz`). */
  lifecycle?: LifecycleOptions;
  /** Serve Prometheus metrics at `GET /metrics` (default true). */
  exposeMetrics?: boolean;
  /** Log the errors of GraphQL answers (default true; the gateway logs only those it masks, see `gatewayErrorFormatter`). */
  logErrors?: boolean;
  /** Asked first for every GET and HEAD (a web app's pages and files); answers true when it served the request. */
  pages?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Drains (readiness false, requests in flight finish, connections close), then releases what the service holds. */
  close(): Promise<void>;
}

/** A request refused before GraphQL sees it; answered as `{ errors: [{ message, extensions: { code } }] }`. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A caller's own request id is kept when it looks like one (no spaces, quotes or newlines to forge log lines). */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Probes and scrapes come every few seconds, and without a broker the other subgraphs poll the event feed
 * (`FEED_PATH` in delivery.ts) several times a second: their lines only at debug level.
 */
const QUIET_PATHS = new Set(['/livez', '/readyz', '/metrics', '/health', '/internal/events']);

/** One access line per request, when its response is sent (or the connection is cut). */
function logAccess(request: IncomingMessage, response: ServerResponse, started: number): void {
  const scope = currentRequestScope();
  const path = (request.url ?? '/').split('?')[0];
  const fields = {
    method: request.method,
    path,
    status: response.statusCode,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    operationName: scope?.operationName,
    subject: scope?.subject,
    ...(response.writableFinished ? {} : { aborted: true }),
  };
  const log = scope?.log ?? logger;
  if (QUIET_PATHS.has(path)) log.debug(fields, 'request');
  else log.info(fields, 'request');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, { status, code, message }: HttpError): void {
  sendJson(response, status, { errors: [{ message, extensions: { code, requestId: currentRequestId() } }] });
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', t('gateway.payloadTooLarge', { maxBytes }));
  if (Number(request.headers['content-length']) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '' || !/json/i.test(request.headers['content-type'] ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', t('gateway.notJson'));
  }
}

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id',
  'access-control-max-age': '600',
};

/**
 * Lets allowed browser origins read responses (and answers their preflights); other origins get
 * no CORS headers, so browsers keep the response from them. Returns true when it answered.
 */
function handleCors(request: IncomingMessage, response: ServerResponse, origins: string[]): boolean {
  const origin = request.headers.origin;
  response.setHeader('vary', 'origin');
  const allowed = origin !== undefined && (origins.includes('*') || origins.includes(origin));
  if (allowed) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
  }
  if (request.method !== 'OPTIONS') return false;
  if (!allowed) {
    sendError(response, new HttpError(403, 'FORBIDDEN', t('gateway.originRefused', { origin: origin ?? '(none)' })));
  } else {
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    response.writeHead(204).end();
  }
  return true;
}

/**
 * Apollo's CSRF prevention asks every request without a JSON body for a header that forces a
 * preflight. A GET without cookies needs none: the hub's only credential is the Authorization
 * header, which a cross-site page cannot make a browser send, and a GET never runs a mutation.
 * Such a GET (urql's queries on its defaults, GraphQL-over-HTTP clients) counts as preflighted;
 * POSTs, and any request that carries cookies, are checked as before.
 */
const carriesNoAmbientCredential = (request: IncomingMessage) => request.method === 'GET' && request.headers.cookie === undefined;

function headerMap(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  if (carriesNoAmbientCredential(request) && !headers.has('apollo-require-preflight')) headers.set('apollo-require-preflight', 'get-without-cookies');
  return headers;
}

/**
 * Apollo Server answers a GraphQL request error (a document that does not parse or validate,
 * variables that do not coerce, an operation refused by the hub's limits) with 400 whatever the
 * media type. Under the legacy `application/json` the GraphQL-over-HTTP spec asks for 200 (a 4xx
 * there may come from any proxy on the way, so clients cannot trust its body): the errors say
 * what went wrong. A request that is not well-formed (`BAD_REQUEST`: no query, bad variables'
 * shape, CSRF prevention) keeps its 400, and `application/graphql-response+json` keeps them all.
 */
function statusForMediaType(status: number, headers: HeaderMap, body: string): number {
  if (status !== 400 || !headers.get('content-type')?.startsWith('application/json')) return status;
  try {
    const { errors } = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    const requestErrors = Array.isArray(errors) && errors.length > 0 && errors.every((error) => error.extensions?.code !== 'BAD_REQUEST');
    return requestErrors ? 200 : status;
  } catch {
    return status;
  }
}

/**
 * Serves an ApolloServer on Node's own HTTP server at `/graphql` (and `/`), plus a few
 * GET routes. Used by the gateway and every subgraph alike.
 */
export async function serveHttp<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  {
    port,
    host = '0.0.0.0',
    context,
    routes: serviceRoutes = {},
    maxBodyBytes = 1_000_000,
    maxBatchSize,
    corsOrigins,
    lifecycle: lifecycleOptions = {},
    exposeMetrics = true,
    logErrors = true,
    pages,
  }: HttpOptions<TContext>,
): Promise<RunningServer> {
  const server: Server = createServer((request, response) => {
    const supplied = request.headers['x-request-id'];
    const requestId = typeof supplied === 'string' && WELL_FORMED_REQUEST_ID.test(supplied) ? supplied : randomUUID();
    response.setHeader('x-request-id', requestId);
    const started = performance.now();
    void runInRequestScope(requestId, languageOf(request.headers['accept-language']), () => {
      response.once('close', () => logAccess(request, response, started));
      return serve(request, response);
    });
  });
  const lifecycle = attachLifecycle(apollo, server, lifecycleOptions);
  const routes: Record<string, Route> = {
    ...lifecycle.routes,
    ...(exposeMetrics ? { '/metrics': serveMetrics } : {}),
    ...serviceRoutes,
  };
  apollo.addPlugin(telemetryPlugin({ logErrors }));
  await apollo.start();
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      if (corsOrigins && handleCors(request, response, corsOrigins)) return;
      const url = new URL(request.url ?? '/', 'http://localhost');
      const route = routes[url.pathname];
      if (route && request.method === 'GET') return await route(request, response);
      if (pages && (request.method === 'GET' || request.method === 'HEAD') && (await pages(request, response))) return;
      if (url.pathname !== '/graphql' && url.pathname !== '/') throw new HttpError(404, 'NOT_FOUND', t('gateway.notFound'));

      const body = await readBody(request, maxBodyBytes);
      if (maxBatchSize !== undefined && Array.isArray(body) && body.length > maxBatchSize) {
        throw new HttpError(
          400,
          'BATCH_TOO_LARGE',
          maxBatchSize === 0 ? t('gateway.batchNotAccepted') : t('gateway.batchTooLarge', { max: maxBatchSize, count: body.length }),
        );
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method?.toUpperCase() ?? 'GET',
          headers: headerMap(request),
          search: url.search,
          body,
        },
        context: () => context(request, Array.isArray(body) ? body.length : 1),
      });
      for (const [name, value] of result.headers) response.setHeader(name, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.statusCode = statusForMediaType(response.statusCode, result.headers, result.body.string);
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    } catch (error) {
      if (response.headersSent) return void response.end();
      if (error instanceof HttpError) {
        // Whatever of the body was not read is not wanted: close rather than drain it.
        if (!request.complete) response.setHeader('connection', 'close');
        return sendError(response, error);
      }
      currentRequestScope()?.log.error({ err: error }, 'request failed');
      sendError(response, new HttpError(500, 'INTERNAL_SERVER_ERROR', t('internalError', { requestId: currentRequestId() })));
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}/graphql`,
    close: () => lifecycle.drain(),
  };
}

/**
 * Runs a service as the process's main job: names it on log lines, metrics and traces, logs where
 * it listens, drains it on SIGINT/SIGTERM (see `attachLifecycle`), sends its last spans and exits,
 * and exits with the error's message if it cannot start.
 */
export function runService(service: string, start: () => Promise<RunningServer>): void {
  nameService(service);
  startProcessMetrics(service);
  const tracing = startTracing(service);
  start()
    .then((server) => {
      // Written at once, not within the second: orchestrators and operators watch for these lines.
      logger.info({ url: server.url }, `${service} ready`);
      logger.flush();
      const stop = (signal: NodeJS.Signals) => {
        logger.info({ signal }, 'stopping');
        logger.flush();
        server
          .close()
          .then(() => tracing?.shutdown())
          .then(
            () => process.exit(0),
            (error: unknown) => {
              logger.error({ err: error }, 'stopping failed');
              process.exit(1);
            },
          );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      logger.fatal(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
