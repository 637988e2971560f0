import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Role, signToken } from '../subgraphs/common/auth';
import { startServiceProcess, type ServiceProcess } from '../scripts/testing/service-process';

/**
 * The gateway as operators run it (`gateway/main.ts` in its own process), told to stop while a
 * request is in flight: the request completes, readiness turns false, new connections are
 * refused, the idle keep-alive connection is closed and the process exits on its own.
 */
const SECRET = 'lifecycle-test-secret-at-least-32-characters';
const SLOW_MS = 1500;

let slowTeams: Server;
let teamsCalled: () => void;
let teamsWasCalled: Promise<void>;

/** A teams subgraph that takes SLOW_MS to answer. */
beforeAll(async () => {
  teamsWasCalled = new Promise((resolve) => (teamsCalled = resolve));
  slowTeams = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      teamsCalled();
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { administrativeUnit: { name: 'Tỉnh Nghệ An' } } }));
      }, SLOW_MS);
    });
  });
  await new Promise<void>((resolve) => slowTeams.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise((resolve) => slowTeams.close(resolve)));

/** A GET on a keep-alive connection that stays open afterwards; resolves with the status and the socket. */
function getKeptAlive(url: string, agent: Agent): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode!, socket: request.socket! }));
    });
    request.once('error', reject);
  });
}

async function refusesConnections(url: string, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const refused = await fetch(url).then(
      () => false,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
    );
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('gateway process on SIGTERM', () => {
  let gateway: ServiceProcess;

  afterAll(() => gateway?.child.kill('SIGKILL'));

  it('finishes the request in flight, refuses new connections, closes idle ones and exits', async () => {
    const teamsUrl = `http://127.0.0.1:${(slowTeams.address() as AddressInfo).port}/graphql`;
    gateway = startServiceProcess('gateway/main.ts', [], {
      NODE_ENV: 'development',
      PORT: '0',
      JWT_SECRET: SECRET,
      TEAMS_URL: teamsUrl,
      DRAIN_DELAY_MS: '300',
      DRAIN_GRACE_MS: '10000',
    });
    const { url } = await gateway.waitForLog((line) => line.msg === 'gateway ready');
    const base = new URL('/', url).toString();
    expect((await fetch(new URL('/livez', base))).status).toBe(200);
    expect((await fetch(new URL('/readyz', base))).status).toBe(200);

    const agent = new Agent({ keepAlive: true });
    const idle = await getKeptAlive(new URL('/livez', base).toString(), agent);
    expect(idle.status).toBe(200);
    const idleClosed = new Promise<void>((resolve) => idle.socket.once('close', () => resolve()));

    const token = await signToken({ sub: 'officer-nghe-an', roles: [Role.OFFICER], units: ['40'] }, SECRET);
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'slow-request-0001' },
      body: JSON.stringify({ query: 'query ProvinceName { administrativeUnit(code: "40") { name } }' }),
    });
    await teamsWasCalled;
    gateway.child.kill('SIGTERM');

    await gateway.waitForLog((line) => line.msg === 'stopping');
    // Not ready at once, while still serving during the drain delay…
    expect((await fetch(new URL('/readyz', base))).status).toBe(503);
    // …then no new connections.
    expect(await refusesConnections(new URL('/livez', base).toString(), 2000)).toBe(true);

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { administrativeUnit: { name: 'Tỉnh Nghệ An' } } });
    await idleClosed;
    expect(await gateway.exited).toBe(0);
    agent.destroy();

    // The access line of the slow request: who, what, how long; never the token.
    const access = gateway.logLines.find((line) => line.msg === 'request' && line.requestId === 'slow-request-0001');
    expect(access).toMatchObject({ service: 'gateway', method: 'POST', status: 200, operationName: 'ProvinceName', subject: 'officer-nghe-an' });
    expect(access!.durationMs).toBeGreaterThanOrEqual(SLOW_MS - 100);
    expect(JSON.stringify(gateway.logLines)).not.toContain(token);
  });
});
