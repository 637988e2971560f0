import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in front of a service's replicas, for tests of rolling restarts. It sends each
 * request to the next ready replica: one whose `/readyz` answered 200, until `failureThreshold`
 * probes in a row fail (Kubernetes' readiness probes, every `probeEveryMs`, taking a pod out of
 * its Service). Each request goes on a connection of its own (as nginx does by default), and is
 * never retried: a replica that cuts a request or refuses a connection shows as a 502. Its clients'
 * idle connections stay open 75 s, nginx' `keepalive_timeout` (Node's own 5 s would race the
 * clients' reuse of them: a balancer's failure, not the hub's).
 */
export interface Balancer {
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  /** Starts sending to this replica (its `/graphql` URL) once it is ready. */
  add(replicaUrl: string): void;
  /** Stops probing it and sending to it. */
  remove(replicaUrl: string): void;
  /** The replicas it sends requests to now. */
  readonly ready: string[];
  close(): Promise<void>;
}

const noKeepAlive = new Agent({ keepAlive: false });

export async function startBalancer({ probeEveryMs = 100, failureThreshold = 3 } = {}): Promise<Balancer> {
  /** Each replica's consecutive failed probes; ready while below the threshold (and once it has answered 200). */
  const replicas = new Map<string, { ready: boolean; failures: number }>();
  let next = 0;
  const readyReplicas = () => [...replicas].filter(([, state]) => state.ready).map(([url]) => url);

  // One probe at a time per replica, as Kubernetes does: taken out after `failureThreshold` failures in a row.
  const probeWhileAdded = async (url: string) => {
    for (let state = replicas.get(url); state && replicas.get(url) === state; state = replicas.get(url)) {
      const ok = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2000) }).then(
        (response) => response.ok,
        () => false,
      );
      state.failures = ok ? 0 : state.failures + 1;
      if (ok) state.ready = true;
      else if (state.failures >= failureThreshold) state.ready = false;
      await new Promise((resolve) => setTimeout(resolve, probeEveryMs));
    }
  };

  const server = createServer((request, response) => {
    const ready = readyReplicas();
    if (ready.length === 0) {
      response.writeHead(503).end('no replica ready');
      return;
    }
    const target = new URL(request.url ?? '/', ready[next++ % ready.length]);
    const upstream = httpRequest(target, { method: request.method, headers: request.headers, agent: noKeepAlive }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.once('error', (error) => {
      if (response.headersSent) response.destroy(error);
      else response.writeHead(502).end(`replica failed: ${error.message}`);
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    add(replicaUrl) {
      replicas.set(replicaUrl, { ready: false, failures: 0 });
      void probeWhileAdded(replicaUrl);
    },
    remove(replicaUrl) {
      replicas.delete(replicaUrl);
    },
    get ready() {
      return readyReplicas();
    },
    close: () =>
      new Promise<void>((resolve) => {
        replicas.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
