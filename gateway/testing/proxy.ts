import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stands between the gateway and a subgraph, to make it slow or broken on demand. */
export interface SubgraphProxy {
  url: string;
  /** Waited before each request is passed on. */
  delayMs: number;
  /** While set, answered (HTTP 200, JSON) instead of asking the subgraph. */
  answer: unknown;
  /** How many of the next requests have their connection cut before any answer (a replica stopping); counts down. */
  cutNext: number;
  close(): Promise<void>;
}

export async function startSubgraphProxy(targetUrl: string): Promise<SubgraphProxy> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    // Not holding the process open for a request the gateway has already given up on.
    await new Promise((resolve) => setTimeout(resolve, proxy.delayMs).unref());
    if (response.destroyed) return; // the gateway gave up waiting
    if (proxy.cutNext > 0) {
      proxy.cutNext -= 1;
      return void request.socket.destroy();
    }
    if (proxy.answer !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify(proxy.answer));
    }
    const headers = Object.fromEntries(
      ['content-type', 'authorization', 'x-request-id'].flatMap((name) => (request.headers[name] ? [[name, String(request.headers[name])]] : [])),
    );
    const upstream = await fetch(targetUrl, { method: request.method, headers, body: Buffer.concat(chunks) });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: SubgraphProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    delayMs: 0,
    answer: undefined,
    cutNext: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return proxy;
}
