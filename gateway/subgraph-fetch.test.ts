import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { failedToConnect } from '../subgraphs/common/connection';
import { freePort } from '../subgraphs/common/testing/ports';
import { subgraphFetcher } from './subgraph-fetch';

let server: Server;
let url: string;
const connections = new Agent();
/** What the test's subgraph does with the next request. */
let answer: (response: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await connections.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('reads the answer in full: status, headers and its JSON body', async () => {
  answer = (response) => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"data":{"tên":"Tổ công nghệ số"}}');
  const response = await subgraphFetcher(1000, connections)(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(response).toMatchObject({ ok: true, status: 200, url });
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(await response.clone().text()).toBe('{"data":{"tên":"Tổ công nghệ số"}}');
  expect(await response.json()).toEqual({ data: { tên: 'Tổ công nghệ số' } });
});

it('passes a refusal on as an answer that is not ok', async () => {
  answer = (response) => response.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Phiên đăng nhập đã hết hạn"}]}');
  const response = await subgraphFetcher(1000, connections)(url, { method: 'POST', body: '{}' });
  expect(response).toMatchObject({ ok: false, status: 401 });
});

it('gives up after its timeout, also while the body is still coming', async () => {
  answer = () => undefined;
  await expect(subgraphFetcher(100, connections)(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
  answer = (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":');
  };
  await expect(subgraphFetcher(100, connections)(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
});

it('fails with a connection failure the gateway retries reads on when nobody listens', async () => {
  const error = await subgraphFetcher(1000, connections)(`http://127.0.0.1:${await freePort()}/graphql`, { method: 'POST', body: '{}' }).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  expect(failedToConnect(error)).toBe(true);
});
