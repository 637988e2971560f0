import path from 'node:path';
import { Role, signToken } from '../subgraphs/common/auth';
import type { RunningServer } from '../subgraphs/common/http';
import { demoId } from '../subgraphs/common/demo';
import { runPartnerExample } from '../scripts/partner-example';
import { runPlainHttpExample } from '../scripts/partner-example-http';
import { pdfText } from '../subgraphs/common/testing/papers';
import { codesOf, health as healthOf, post } from './testing/client';
import { readOperationManifest } from './persisted-operations';
import { startTestHub, type TestHub } from './testing/hub';

let hub: TestHub;
let gateway: RunningServer;

beforeAll(async () => {
  hub = await startTestHub('gateway');
  gateway = hub.gateway;
});

afterAll(() => hub?.close());

const query = (source: string, authorization?: string) => post(gateway.url, { query: source }, authorization ? { authorization } : {});
const health = () => healthOf(gateway.url);

const MEMBER_PHONES = /* GraphQL */ `{
  teams(unitCode: "17227", first: 50) { nodes { unit { code } members { phone } } }
}`;

it('answers a query through the gateway with the teams subgraph’s seeded data', async () => {
  const { status, body } = await query(`{
    teams(unitCode: "40", first: 50) { totalCount nodes { name level unit { name } leader { role } } }
  }`);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const { totalCount, nodes } = body.data?.teams;
  expect(totalCount).toBe(7);
  expect(nodes).toHaveLength(7);
  expect(nodes).toContainEqual({
    name: 'Tổ công nghệ số cộng đồng xã Tam Quang',
    level: 'COMMUNE',
    unit: { name: 'Xã Tam Quang' },
    leader: { role: 'LEADER' },
  });
  expect(nodes.filter((team: { level: string }) => team.level === 'VILLAGE')).toHaveLength(5);
  expect(nodes.every((team: { leader: unknown }) => team.leader !== null)).toBe(true);
});

it('joins a team from the teams subgraph with its money from the resources subgraph', async () => {
  const { body } = await query(`{
    team(id: "${demoId('team:17227.01')}") { name leader { role } funds { received balance } programmes { name } }
    administrativeUnit(code: "17227") { name funds { receivedCash receivedInKind spent } }
  }`);
  expect(body.errors).toBeUndefined();
  expect(body.data?.team).toMatchObject({
    name: 'Tổ công nghệ số cộng đồng bản Xốp Cháo',
    leader: { role: 'LEADER' },
    funds: { received: '500000', balance: '500000' },
  });
  expect(body.data?.team.programmes).toHaveLength(1);
  expect(body.data?.administrativeUnit).toEqual({
    name: 'Xã Tam Quang',
    funds: { receivedCash: '15500000', receivedInKind: '17000000', spent: '5600000' },
  });
});

it('prints the commune’s public ledger through the gateway: its name from the teams subgraph, figures from resources, no codes', async () => {
  const { body } = await query(`{ ledgerFile(unitCode: "17227", from: "2025-01-01", to: "2025-12-31") { filename contentType base64 } }`);
  expect(body.errors).toBeUndefined();
  const text = (await pdfText(body.data?.ledgerFile)).replace(/\s+/g, ' ');
  expect(text).toContain('TỈNH NGHỆ AN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG XÃ TAM QUANG');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('Xã Tam Quang, từ 01/01/2025 đến 31/12/2025');
  expect(text).toContain('Tổng thu 32.500.000');
  expect(text).toContain('Tổng chi 5.600.000');
  expect(text).not.toMatch(/8984048/);
});

describe('the caller’s Authorization header reaches the subgraph, which verifies it', () => {
  it('lets an officer of commune 17227 see its members’ phones', async () => {
    const { body } = await query(MEMBER_PHONES, await hub.bearer({ sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] }));
    expect(body.errors).toBeUndefined();
    const phones = body.data?.teams.nodes.flatMap((team: { members: { phone: unknown }[] }) => team.members.map((m) => m.phone));
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone).toEqual(expect.stringMatching(/^0\d{9}$/));
  });

  it('hides phones from an anonymous caller', async () => {
    const { body } = await query(MEMBER_PHONES);
    expect(body.data?.teams.nodes[0].members[0].phone).toBeNull();
    expect(codesOf(body).length).toBeGreaterThan(0);
    for (const code of codesOf(body)) expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(code);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await signToken({ sub: 'admin', roles: [Role.ADMIN] }, 'another-secret-that-is-long-enough-too');
    const { body } = await query(MEMBER_PHONES, `Bearer ${forged}`);
    expect(body.data?.teams ?? null).toBeNull();
    expect(codesOf(body)).toContain('UNAUTHENTICATED');
    expect(codesOf(body).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    // The subgraph's reason is passed on, not a bare "401: Unauthorized".
    expect(body.errors?.[0].message).toBe('Mã đăng nhập không hợp lệ: chữ ký của mã không khớp');
  });
});

describe('the messages people read: Vietnamese unless the caller asks for English', () => {
  const refusals = async (language?: string) => {
    const headers: Record<string, string> = {
      authorization: await hub.bearer({ sub: 'partner-staff', roles: [Role.PARTNER], partner: demoId('partner:viettel') }),
      ...(language ? { 'accept-language': language } : {}),
    };
    const [anonymous, partner] = await Promise.all([
      post(gateway.url, { query: MEMBER_PHONES }, language ? { 'accept-language': language } : {}),
      post(gateway.url, { query: '{ teamsPersonalDataReads(first: 1) { reader } }' }, headers),
    ]);
    return {
      signIn: anonymous.body.errors?.find((error: { extensions?: { code?: string } }) => error.extensions?.code === 'UNAUTHENTICATED')?.message,
      forbidden: partner.body.errors?.[0],
    };
  };

  it('refuses in Vietnamese by default, naming who may, never the field or a role code', async () => {
    const { signIn, forbidden } = await refusals();
    expect(signIn).toBe('Bạn cần đăng nhập để làm việc này');
    expect(forbidden).toMatchObject({ message: 'Việc này chỉ dành cho quản trị viên', extensions: { code: 'FORBIDDEN' } });
  });

  it('answers in English to Accept-Language: en, with the same codes', async () => {
    const { signIn, forbidden } = await refusals('en-GB,en;q=0.9');
    expect(signIn).toMatch(/^Sign in to do this/);
    expect(forbidden).toMatchObject({ message: 'This is only for an admin', extensions: { code: 'FORBIDDEN' } });
  });
});

describe('partners’ work through the gateway', () => {
  const asAdmin = () => hub.bearer({ sub: 'admin', roles: [Role.ADMIN] });

  it('shows a team’s trainings and onboardings next to its members on one dashboard', async () => {
    const officer = await hub.bearer({ sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] });
    const { body } = await query(
      `{
        team(id: "${demoId('team:17227')}") {
          name
          members { fullName trainingsAttended { title } }
          trainingsAttended { title attendeeCount partner { shortName } }
          onboardingsHelped { onboardeeKind name status productsListed platform { name } }
        }
      }`,
      officer,
    );
    expect(body.errors).toBeUndefined();
    const team = body.data?.team;
    expect(team.trainingsAttended.map((training: { partner: { shortName: string } }) => training.partner.shortName).sort()).toEqual([
      'VNPT',
      'Vietnam Post',
      'Viettel',
    ]);
    expect(team.members[0].trainingsAttended.length).toBeGreaterThan(0);
    expect(team.onboardingsHelped).toEqual([
      { onboardeeKind: 'COOPERATIVE', name: 'Hợp tác xã Nông nghiệp Tam Quang', status: 'ACTIVE', productsListed: 12, platform: { name: 'Postmart' } },
    ]);
  });

  it('shows Viettel its seeded webhook endpoint and its delivery log, attempt by attempt', async () => {
    const viettel = await hub.bearer({ sub: 'viettel-staff', roles: [Role.PARTNER], partner: demoId('partner:viettel') });
    const { body } = await query(
      `{
        webhookEndpoints(partnerId: "${demoId('partner:viettel')}") { id url status eventTypes }
        webhookDeliveries(endpointId: "${demoId('webhook-endpoint:viettel')}") { nodes { eventType status attemptLog { responseStatus } } }
      }`,
      viettel,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.webhookEndpoints).toContainEqual(
      expect.objectContaining({ url: 'https://crm.viettel.example.vn/hub/webhooks', status: 'ENABLED', eventTypes: expect.arrayContaining(['training.logged']) }),
    );
    expect(body.data?.webhookDeliveries.nodes[0]).toEqual({ eventType: 'training.logged', status: 'DELIVERED', attemptLog: [{ responseStatus: 503 }, { responseStatus: 200 }] });
  });

  it('lets a partner’s system log a batch with its API key and send it again safely (the example script)', async () => {
    const issued = await query(
      `mutation { issuePartnerCredential(partnerId: "${demoId('partner:viettel')}", label: "Hệ thống đào tạo") { apiKey credential { id } } }`,
      await asAdmin(),
    );
    expect(issued.body.errors).toBeUndefined();
    const { apiKey, credential } = issued.body.data?.issuePartnerCredential;

    const outcome = await runPartnerExample(gateway.url, apiKey, () => undefined);
    expect(outcome.partner).toBe('Viettel');
    expect(outcome.first).toMatchObject({ created: 2, replayed: 0 });
    expect(outcome.again).toEqual({ created: 0, replayed: 2, ids: outcome.first.ids });
    expect(outcome.refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainings.1.attendeeIds.0' });
    // It received the hub's test event by webhook and verified its signature.
    expect(outcome.webhook).toMatchObject({ type: 'webhook.test', id: expect.any(String) });

    const revoked = await query(`mutation { revokePartnerCredential(id: "${credential.id}") { revokedAt } }`, await asAdmin());
    expect(revoked.body.errors).toBeUndefined();
    await expect(runPartnerExample(gateway.url, apiKey, () => undefined)).rejects.toThrow(/thu hồi/);
  });

  it('lets a partner’s system without the SDK do the same with plain HTTP, through a gateway that accepts only the manifest (docs/integrating.md’s example)', async () => {
    const issued = await query(
      `mutation { issuePartnerCredential(partnerId: "${demoId('partner:viettel')}", label: "Hệ thống không dùng SDK") { apiKey } }`,
      await asAdmin(),
    );
    expect(issued.body.errors).toBeUndefined();
    const allowListOnly = await hub.gatewayWith({ allowList: readOperationManifest(path.join(__dirname, '..', 'client', 'persisted-operations.json')) });

    const outcome = await runPlainHttpExample(allowListOnly.url, issued.body.data?.issuePartnerCredential.apiKey, () => undefined);
    expect(outcome.partner).toBe('Viettel');
    expect([outcome.first.created, outcome.again]).toEqual([1, { created: 0, replayed: 1, rows: outcome.first.rows }]);
    expect(outcome.refusal).toEqual({ code: 'BAD_USER_INPUT', field: 'trainings.0.attendeeIds.0' });
    expect(outcome.webhook).toMatchObject({ type: 'webhook.test', id: expect.any(String) });
  });
});

it('shows a fair’s page: its stalls with the partners’ names, its sponsors, and the commune’s upcoming fairs', async () => {
  const { body } = await query(`{
    events(unitCode: "17227", first: 10) {
      nodes {
        title status categories { name admission freeStalls } exhibitors { name stallCode partner { shortName } }
        sponsors programmes { name funds { received } }
      }
    }
    administrativeUnit(code: "40") { upcomingEvents { title teams { name } } }
  }`);
  expect(body.errors).toBeUndefined();
  const [held, open] = body.data?.events.nodes;
  expect(held).toMatchObject({ title: 'Ngày hội chuyển đổi số xã Tam Quang 2025', status: 'HELD' });
  // Who paid for it comes from the resources subgraph: sponsors named only with their consent.
  expect(held.sponsors).toEqual(['Hợp tác xã Nông nghiệp Tam Quang', 'Ngân hàng TMCP Quân đội – Chi nhánh Nghệ An', 'Viettel Nghệ An']);
  expect(held.programmes).toEqual([{ name: 'Ngày hội chuyển đổi số xã Tam Quang 2025', funds: { received: '32000000' } }]);
  expect(open.sponsors).toEqual([]);
  expect(held.exhibitors).toEqual([
    { name: 'Viettel Nghệ An', stallCode: 'A01', partner: { shortName: 'Viettel' } },
    { name: 'Bưu điện tỉnh Nghệ An – Postmart', stallCode: 'A02', partner: { shortName: 'Vietnam Post' } },
    { name: 'Hợp tác xã Nông nghiệp Tam Quang', stallCode: 'B01', partner: null },
    // A household gave no display choice: the public page does not name it (docs/personal-data.md)
    { name: 'Một hộ gia đình địa phương', stallCode: 'B02', partner: null },
  ]);
  // One household's stall (B02) approved in the seed, its reminder due (events/seed.ts).
  expect(open.categories.map((category: { freeStalls: number }) => category.freeStalls)).toEqual([1, 3, 4]);
  expect(body.data?.administrativeUnit.upcomingEvents).toEqual([
    { title: 'Phiên chợ chuyển đổi số xã Tam Quang 2026', teams: expect.arrayContaining([{ name: 'Tổ công nghệ số cộng đồng xã Tam Quang' }]) },
  ]);
});

it('reports itself healthy while the subgraph answers', async () => {
  const { status, body } = await health();
  expect(status).toBe(200);
  expect(body).toMatchObject({
    status: 'ok',
    subgraphs: { teams: { status: 'up' }, resources: { status: 'up' }, partners: { status: 'up' } },
  });
});

// Runs last: it stops the teams subgraph.
it('reports itself degraded when the subgraph is down, and keeps answering queries with an error', async () => {
  await hub.stopSubgraph('teams');
  const { status, body } = await health();
  expect(status).toBe(503);
  expect(body).toMatchObject({
    status: 'degraded',
    subgraphs: { teams: { status: 'down', error: expect.stringMatching(/ECONNREFUSED/) }, resources: { status: 'up' } },
  });

  const result = await query('{ provinces { code } }');
  expect(result.status).toBe(200);
  expect(result.body.data?.provinces ?? null).toBeNull();
  expect(result.body.errors?.[0].message).toMatch(/ECONNREFUSED/);
});
