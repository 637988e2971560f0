import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import type { RunningServer } from '../subgraphs/common/http';
import { health, post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';
import { startSubgraphProxy, type SubgraphProxy } from './testing/proxy';
import { GIVEN_CONSENT } from '../subgraphs/common/testing/consent';

let hub: TestHub;
beforeAll(async () => {
  // The events subgraph is stopped and started again: its database must outlive it.
  hub = await startTestHub('fault', {}, { durable: ['events'] });
}, 120_000); // the whole hub, seeded, on a shared machine
afterAll(() => hub?.close());

// One federated query over three subgraphs: the unit (teams), the fair (events) and who paid for it (resources).
const FAIR = /* GraphQL */ `{
  administrativeUnit(code: "17227") { name }
  event(id: "${demoId('event:17227:2025')}") { title programmes { name } }
}`;
const WHOLE = {
  administrativeUnit: { name: 'Xã Tam Quang' },
  event: { title: 'Ngày hội chuyển đổi số xã Tam Quang 2025', programmes: [{ name: 'Ngày hội chuyển đổi số xã Tam Quang 2025' }] },
};

it('answers with the data it has while a subgraph is down, says it is degraded, and is whole again once it is back', async () => {
  expect((await post(hub.gateway.url, { query: FAIR })).body).toEqual({ data: WHOLE });

  await hub.stopSubgraph('events');
  const partial = await post(hub.gateway.url, { query: FAIR });
  expect(partial.status).toBe(200);
  expect(partial.body.data).toEqual({ administrativeUnit: { name: 'Xã Tam Quang' }, event: null });
  expect(partial.body.errors).toEqual([
    expect.objectContaining({
      message: 'Phần “sự kiện, ngày hội” của hệ thống đang không trả lời (ECONNREFUSED). Xin thử lại sau ít phút',
      extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'events' }),
    }),
  ]);
  const degraded = await health(hub.gateway.url);
  expect(degraded.status).toBe(503);
  expect(degraded.body).toMatchObject({ status: 'degraded', subgraphs: { events: { status: 'down' }, teams: { status: 'up' } } });

  await hub.restartSubgraph('events');
  expect((await post(hub.gateway.url, { query: FAIR })).body).toEqual({ data: WHOLE });
  expect(await health(hub.gateway.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
});

it('keeps what was written before the subgraph restarted (its own database, not a fresh one)', async () => {
  const OPEN_FAIR = '{ events(unitCode: "17227", status: OPEN_FOR_APPLICATIONS) { nodes { exhibitors { name } categories { id admission } } } }';
  const [fair] = (await post(hub.gateway.url, { query: OPEN_FAIR })).body.data.events.nodes;
  const firstCome = fair.categories.find((category: { admission: string }) => category.admission === 'FIRST_COME');
  const applied = await post(hub.gateway.url, {
    query: 'mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { status } }',
    variables: {
      input: {
        categoryId: firstCome.id,
        exhibitorKind: 'HOUSEHOLD',
        exhibitorName: 'Hộ bà Vi Thị Lan',
        contactName: 'Vi Thị Lan',
        contactPhone: '0912345678',
        offering: 'Măng khô, mật ong rừng',
        // Shown on the public page by the name the household chose.
        shownAs: 'ALIAS',
        shownLabel: 'Hộ bà Vi Thị Lan',
        consent: GIVEN_CONSENT,
      },
    },
  });
  expect(applied.body).toEqual({ data: { applyForStall: { status: 'APPROVED' } } });

  await hub.stopSubgraph('events');
  await hub.restartSubgraph('events');
  const [again] = (await post(hub.gateway.url, { query: OPEN_FAIR })).body.data.events.nodes;
  expect(again.exhibitors).toContainEqual({ name: 'Hộ bà Vi Thị Lan' });
});

describe('a slow subgraph', () => {
  // A team (teams) with the trainings its members attended (partners; a list that may be null).
  const TEAM = `{ team(id: "${demoId('team:17227')}") { name trainingsAttended { title } } }`;
  const TIMEOUT_MS = 5_000;
  let slow: SubgraphProxy;
  let gateway: RunningServer;
  beforeAll(async () => {
    slow = await startSubgraphProxy(hub.subgraphs.partners.url);
    const subgraphUrls = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, server]) => [name, server.url]));
    // A timeout well above what the partners subgraph takes on a loaded machine (the quick requests
    // below must not reach it), and a delay that outlasts any timeout (the slow one must).
    gateway = await hub.gatewayWith({ subgraphUrls: { ...subgraphUrls, partners: slow.url }, subgraphTimeouts: { partners: TIMEOUT_MS } });
  }, 60_000);
  afterAll(() => slow?.close());

  it('is given up on after its timeout, the rest of the answer still comes, and it counts again once it is quick', async () => {
    const officer = { authorization: await hub.bearer({ sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] }) };
    const whole = await post(gateway.url, { query: TEAM }, officer);
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data.team.trainingsAttended.length).toBeGreaterThan(0);

    slow.delayMs = 10 * 60_000;
    const partial = await post(gateway.url, { query: TEAM }, officer);
    expect(partial.body.data).toEqual({ team: { name: 'Tổ công nghệ số cộng đồng xã Tam Quang', trainingsAttended: null } });
    expect(partial.body.errors).toEqual([
      expect.objectContaining({
        message: `Phần “doanh nghiệp đối tác” của hệ thống đang không trả lời (quá ${TIMEOUT_MS} ms chưa trả lời). Xin thử lại sau ít phút`,
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'partners' }),
      }),
    ]);

    slow.delayMs = 0;
    expect((await post(gateway.url, { query: TEAM }, officer)).body).toEqual(whole.body);
  }, 60_000);
});

describe('a subgraph whose connection is cut before it answers', () => {
  // A replica stopping, or a keep-alive connection closed by the other side at the same instant.
  const TEAM = `{ team(id: "${demoId('team:17227')}") { name trainingsAttended { title } } }`;
  let cutting: SubgraphProxy;
  let gateway: RunningServer;
  let officer: Record<string, string>;
  beforeAll(async () => {
    cutting = await startSubgraphProxy(hub.subgraphs.partners.url);
    const subgraphUrls = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, server]) => [name, server.url]));
    gateway = await hub.gatewayWith({ subgraphUrls: { ...subgraphUrls, partners: cutting.url } });
    officer = { authorization: await hub.bearer({ sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] }) };
  });
  afterAll(() => cutting?.close());

  it('is asked a read once more, and the answer is whole', async () => {
    const whole = await post(gateway.url, { query: TEAM }, officer);
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data.team.trainingsAttended.length).toBeGreaterThan(0);

    cutting.cutNext = 1;
    expect((await post(gateway.url, { query: TEAM }, officer)).body).toEqual(whole.body);
    expect(cutting.cutNext).toBe(0);
  });

  it('is asked a read only once more: cut twice, the subgraph is named as unavailable', async () => {
    cutting.cutNext = 2;
    const partial = await post(gateway.url, { query: TEAM }, officer);
    expect(cutting.cutNext).toBe(0);
    expect(partial.body.data).toEqual({ team: { name: 'Tổ công nghệ số cộng đồng xã Tam Quang', trainingsAttended: null } });
    expect(partial.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Phần “doanh nghiệp đối tác” của hệ thống đang không trả lời /), extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'partners' }) }),
    ]);
  });

  it('is named when its load balancer answers an error of its own, with no GraphQL body', async () => {
    const balancer = createServer((_request, response) => response.writeHead(502, { 'content-type': 'text/plain' }).end('no replica ready'));
    await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
    const subgraphUrls = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, server]) => [name, server.url]));
    const behindBalancer = await hub.gatewayWith({ subgraphUrls: { ...subgraphUrls, partners: `http://127.0.0.1:${(balancer.address() as AddressInfo).port}/graphql` } });
    try {
      const partial = await post(behindBalancer.url, { query: TEAM }, officer);
      expect(partial.body.data).toEqual({ team: { name: 'Tổ công nghệ số cộng đồng xã Tam Quang', trainingsAttended: null } });
      expect(partial.body.errors).toEqual([
        expect.objectContaining({ message: 'Phần “doanh nghiệp đối tác” của hệ thống đang không trả lời (HTTP 502). Xin thử lại sau ít phút', extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'partners' }) }),
      ]);
    } finally {
      balancer.close();
    }
  });

  it('is never sent a mutation twice: it may have been applied', async () => {
    cutting.cutNext = 2;
    const refused = await post(gateway.url, { query: 'mutation { withdrawOffer(id: "00000000-0000-4000-8000-000000000000") { id } }' }, officer);
    expect(cutting.cutNext).toBe(1);
    expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'partners' }) })]);
    cutting.cutNext = 0;
  });
});
