import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readOnceMoreOnConnectionFailure } from './connection';

/** A service that cuts the connection of its first `cuts` requests, waits `delayMs`, then answers "ok". */
let server: Server;
let url: string;
let cuts = 0;
let delayMs = 0;
let received = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    received += 1;
    if (cuts > 0) {
      cuts -= 1;
      return void request.socket.destroy();
    }
    setTimeout(() => response.end('ok'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received = 0;
  delayMs = 0;
});

const read = (timeoutMs = 5_000) => readOnceMoreOnConnectionFailure(() => fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(timeoutMs) }).then((response) => response.text()));

it('sends a read once more when its connection was cut before an answer', async () => {
  cuts = 1;
  expect(await read()).toBe('ok');
  expect(received).toBe(2);
});

it('sends it only once more: cut twice, the failure is the caller’s', async () => {
  cuts = 2;
  await expect(read()).rejects.toMatchObject({ cause: { code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) } });
  expect(received).toBe(2);
});

it('does not send again a read that timed out', async () => {
  delayMs = 500;
  await expect(read(100)).rejects.toMatchObject({ name: 'TimeoutError' });
  expect(received).toBe(1);
});

it('sends a refused read once more, and gives the refusal when it is refused again', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  let attempts = 0;
  const refused = readOnceMoreOnConnectionFailure(() => {
    attempts += 1;
    return fetch(`http://127.0.0.1:${port}/`);
  });
  await expect(refused).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  expect(attempts).toBe(2);
});
