import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface HttpOptions<TContext extends BaseContext> {
  port: number;
  host?: string;
  context: (request: IncomingMessage) => Promise<TContext>;
  /** Extra GET routes beside `/graphql`, e.g. `/health`. */
  routes?: Record<string, Route>;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `Request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '' || !/json/i.test(request.headers['content-type'] ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

function headerMap(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Serves an ApolloServer on Node's own HTTP server at `/graphql` (and `/`), plus a few
 * GET routes. Used by the gateway and every subgraph alike.
 */
export async function serveHttp<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  { port, host = '0.0.0.0', context, routes = {}, maxBodyBytes = 1_000_000 }: HttpOptions<TContext>,
): Promise<RunningServer> {
  await apollo.start();
  const server: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const route = routes[url.pathname];
      if (route && request.method === 'GET') return await route(request, response);
      if (url.pathname !== '/graphql' && url.pathname !== '/') throw new HttpError(404, 'Not found');

      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method?.toUpperCase() ?? 'GET',
          headers: headerMap(request),
          search: url.search,
          body: await readBody(request, maxBodyBytes),
        },
        context: () => context(request),
      });
      for (const [name, value] of result.headers) response.setHeader(name, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    } catch (error) {
      if (response.headersSent) return void response.end();
      if (error instanceof HttpError) return sendJson(response, error.status, { errors: [{ message: error.message }] });
      console.error(error);
      sendJson(response, 500, { errors: [{ message: 'Internal server error' }] });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}/graphql`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}

/**
 * Runs a service as the process's main job: logs where it listens, closes it cleanly on
 * SIGINT/SIGTERM, and exits with the error's message if it cannot start.
 */
export function runService(label: string, start: () => Promise<RunningServer>): void {
  start()
    .then((server) => {
      console.log(`${label} ready at ${server.url}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
