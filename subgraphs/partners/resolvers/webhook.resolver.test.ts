import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { fieldInWords } from '../../common/errors';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, type Partner } from '../entities';
import { queueTestWebhook, queueWebhooks } from '../services/webhooks';
import { callersFor, fakeDomainEvent, fakePartner, fakeTree, fakeWebhookEndpoint } from '../testing/factories';
import { useWebhookSettings } from '../webhooks/settings';

const tree = fakeTree();
const ids = { a: randomUUID(), b: randomUUID() };
const callers = callersFor(tree, ids.a, ids.b);
let subgraph: TestSubgraph;
let partnerA: Partner;
let partnerB: Partner;

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner: partnerA } = await fakePartner(subgraph.db, { id: ids.a }));
  ({ partner: partnerB } = await fakePartner(subgraph.db, { id: ids.b }));
});
afterEach(() => useWebhookSettings({}));
afterAll(() => subgraph.close());

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterWebhookEndpointInput!) {
    registerWebhookEndpoint(input: $input) {
      signingSecret
      endpoint { id url description eventTypes status disabledReason partner { id } }
    }
  }
`;
const ENDPOINTS = `query ($id: ID!) { webhookEndpoints(partnerId: $id) { id url eventTypes status } }`;
const DELIVERIES = /* GraphQL */ `
  query ($endpointId: ID!, $first: Int, $after: String, $status: WebhookDeliveryStatus) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after, status: $status) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id eventId eventType status attempts payload endpoint { id url } attemptLog { responseStatus error durationMs } }
    }
  }
`;

const registration = (overrides: Record<string, unknown> = {}) => ({
  partnerId: partnerA.id,
  url: 'https://crm.viettel.example.vn/hub/webhooks',
  description: '  CRM Viettel Nghệ An  ',
  eventTypes: ['onboarding.logged', 'training.logged'],
  ...overrides,
});

const counts = async () => [await subgraph.db.manager.count(WebhookEndpoint), await subgraph.db.manager.count(AuditEntry)];

describe('registerWebhookEndpoint', () => {
  it('registers a partner’s https endpoint and shows its Standard Webhooks secret once, sealed at rest and kept out of the trail', async () => {
    const result = await subgraph.execute(REGISTER, { as: callers.partner, variables: { input: registration() } });
    expect(result.errors).toBeUndefined();
    const { signingSecret, endpoint } = result.data!.registerWebhookEndpoint;
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(signingSecret.slice(6), 'base64')).toHaveLength(32);
    expect(endpoint).toEqual({
      id: expect.any(String),
      url: 'https://crm.viettel.example.vn/hub/webhooks',
      description: 'CRM Viettel Nghệ An',
      eventTypes: ['onboarding.logged', 'training.logged'],
      status: 'ENABLED',
      disabledReason: null,
      partner: { id: partnerA.id },
    });

    const [raw] = await subgraph.db.manager.query(`SELECT signingSecret FROM webhook_endpoint WHERE id = '${endpoint.id}'`);
    expect(raw.signingSecret).not.toContain(signingSecret.slice(6));
    const trail = await subgraph.db.manager.findBy(AuditEntry, { entityId: endpoint.id });
    expect(trail).toEqual([expect.objectContaining({ action: 'registerWebhookEndpoint', actor: 'partner-staff' })]);
    expect(JSON.stringify(trail)).not.toContain(signingSecret.slice(6));

    // Listed without it; the schema has no field that could carry it.
    const listed = await subgraph.execute(ENDPOINTS, { as: callers.partner, variables: { id: partnerA.id } });
    expect(listed.data?.webhookEndpoints).toContainEqual({ id: endpoint.id, url: endpoint.url, eventTypes: endpoint.eventTypes, status: 'ENABLED' });
    expect(JSON.stringify(listed)).not.toContain(signingSecret.slice(6));
    const probe = await subgraph.execute(`query ($id: ID!) { webhookEndpoints(partnerId: $id) { signingSecret } }`, { as: callers.partner, variables: { id: partnerA.id } });
    expect(errorCodes(probe)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('registers once per idempotency key: a retry gets the same endpoint and secret, other input with the key is a CONFLICT', async () => {
    const input = registration({ idempotencyKey: `crm-${randomUUID()}` });
    const first = await subgraph.execute(REGISTER, { as: callers.partner, variables: { input } });
    const before = await counts();
    const again = await subgraph.execute(REGISTER, { as: callers.partner, variables: { input } });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(await counts()).toEqual(before);
    const other = await subgraph.execute(REGISTER, { as: callers.partner, variables: { input: { ...input, url: 'https://khac.example.vn/hook' } } });
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['plain http', { url: 'http://crm.example.vn/hook' }, 'url', 'phải là địa chỉ https'],
    ['a loopback address', { url: 'https://127.0.0.1/hook' }, 'url', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['a private address', { url: 'https://[fd00::1]/hook' }, 'url', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['localhost', { url: 'https://localhost:8443/hook' }, 'url', 'phải là địa chỉ công khai trên Internet, không phải địa chỉ nội bộ'],
    ['credentials in the URL', { url: 'https://user:pass@crm.example.vn/hook' }, 'url', 'không được chứa tên đăng nhập hay mật khẩu'],
    ['not a URL', { url: 'crm.example.vn/hook' }, 'url', 'không phải một địa chỉ URL hợp lệ'],
    ['an unknown event type', { eventTypes: ['training.logged', 'member.phone-changed'] }, 'eventTypes.1', 'không có loại sự kiện "member.phone-changed" (xem webhookEventTypes)'],
  ])('refuses %s, naming the field in Vietnamese, and writes nothing', async (_what, overrides, field, message) => {
    const before = await counts();
    const result = await subgraph.execute(REGISTER, { as: callers.partner, variables: { input: registration(overrides) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(result.errors?.[0].message).toBe(`${fieldInWords(field)}: ${message}`);
    expect(await counts()).toEqual(before);
  });

  it('takes a local http receiver only where development or tests allow it explicitly', async () => {
    const local = registration({ url: 'http://127.0.0.1:8080/hook' });
    expect(errorCodes(await subgraph.execute(REGISTER, { as: callers.partner, variables: { input: local } }))).toEqual(['BAD_USER_INPUT']);
    useWebhookSettings({ allowInsecureUrls: true });
    const allowed = await subgraph.execute(REGISTER, { as: callers.partner, variables: { input: local } });
    expect(allowed.errors).toBeUndefined();
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['anyone anonymous', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await counts();
    expect(errorCodes(await subgraph.execute(REGISTER, { as, variables: { input: registration() } }))).toEqual([code]);
    expect(await counts()).toEqual(before);
  });
});

describe('the delivery log', () => {
  async function endpointWithDeliveries(count: number): Promise<WebhookEndpoint> {
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://crm.example.vn/hook', ['onboarding.logged']);
    for (let index = 0; index < count; index += 1) {
      const event = fakeDomainEvent({ scope: { partnerId: partnerA.id } });
      await subgraph.db.transaction((manager) => queueWebhooks(manager, event, new Date(Date.now() + index * 1000)));
      const delivery = await subgraph.db.manager.findOneByOrFail(WebhookDelivery, { endpointId: endpoint.id, eventId: event.id });
      await subgraph.db.manager.insert(WebhookAttempt, [
        // A minute apart, as the backoff has them (MySQL keeps whole seconds).
        { id: randomUUID(), deliveryId: delivery.id, attemptedAt: new Date(Date.now() - 60_000), responseStatus: 500, durationMs: 12, error: 'Địa chỉ nhận trả lời HTTP 500' },
        { id: randomUUID(), deliveryId: delivery.id, attemptedAt: new Date(), responseStatus: 204, durationMs: 8, error: null },
      ]);
    }
    return endpoint;
  }

  it('pages through an endpoint’s deliveries in order, with every attempt, for the partner and admins', async () => {
    const endpoint = await endpointWithDeliveries(5);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: any = await subgraph.execute(DELIVERIES, { as: callers.partner, variables: { endpointId: endpoint.id, first: 2, after } });
      expect(result.errors).toBeUndefined();
      const page = result.data.webhookDeliveries;
      expect(page.totalCount).toBe(5);
      for (const node of page.nodes) {
        expect(node.endpoint).toEqual({ id: endpoint.id, url: endpoint.url });
        expect(node.attemptLog).toEqual([
          { responseStatus: 500, error: 'Địa chỉ nhận trả lời HTTP 500', durationMs: 12 },
          { responseStatus: 204, error: null, durationMs: 8 },
        ]);
        expect(JSON.parse(node.payload)).toMatchObject({ id: node.eventId, type: 'onboarding.logged' });
        seen.push(node.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(5);
    const admin = await subgraph.execute(DELIVERIES, { as: callers.admin, variables: { endpointId: endpoint.id } });
    expect(admin.data?.webhookDeliveries.totalCount).toBe(5);
  });

  it('reads the endpoint and attempts of a whole page in a fixed number of queries', async () => {
    const small = await endpointWithDeliveries(2);
    const large = await endpointWithDeliveries(12);
    const queries = async (endpoint: WebhookEndpoint) =>
      subgraph.countQueries(() => subgraph.execute(DELIVERIES, { as: callers.partner, variables: { endpointId: endpoint.id, first: 50 } }));
    expect(await queries(large)).toBe(await queries(small));
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['anyone anonymous', undefined, 'UNAUTHENTICATED'],
  ])('is closed to %s, and so are redelivery and the endpoint list', async (_who, as, code) => {
    const endpoint = await endpointWithDeliveries(1);
    expect(errorCodes(await subgraph.execute(DELIVERIES, { as, variables: { endpointId: endpoint.id } }))).toEqual([code]);
    expect(errorCodes(await subgraph.execute(ENDPOINTS, { as, variables: { id: partnerA.id } }))).toEqual([code]);
    const [delivery] = await subgraph.db.manager.findBy(WebhookDelivery, { endpointId: endpoint.id });
    const redeliver = await subgraph.execute(`mutation ($id: ID!) { redeliverWebhook(id: $id) { id } }`, { as, variables: { id: delivery.id } });
    expect(errorCodes(redeliver)).toEqual([code]);
  });

  it('lists only the partner’s own endpoints', async () => {
    const own = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://a.example.vn/hook', ['training.logged']);
    const other = await fakeWebhookEndpoint(subgraph.db, partnerB, 'https://b.example.vn/hook', ['training.logged']);
    const listed = await subgraph.execute(ENDPOINTS, { as: callers.partner, variables: { id: partnerA.id } });
    const listedIds = listed.data?.webhookEndpoints.map((endpoint: { id: string }) => endpoint.id);
    expect(listedIds).toContain(own.id);
    expect(listedIds).not.toContain(other.id);
  });
});

describe('updating, pausing and testing an endpoint', () => {
  it('changes its URL and event types, refusing bad ones by name', async () => {
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://a.example.vn/hook', ['training.logged']);
    const UPDATE = `mutation ($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { url eventTypes } }`;
    const updated = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: endpoint.id, input: { url: 'https://b.example.vn/hook', eventTypes: ['unit.moved'] } } });
    expect(updated.data?.updateWebhookEndpoint).toEqual({ url: 'https://b.example.vn/hook', eventTypes: ['unit.moved'] });
    const bad = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: endpoint.id, input: { eventTypes: ['unit.moved', 'nope'] } } });
    expect(bad.errors?.[0].extensions?.field).toBe('eventTypes.1');
    const other = await subgraph.execute(UPDATE, { as: callers.otherPartner, variables: { id: endpoint.id, input: { url: 'https://evil.example.vn/hook' } } });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect((await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).url).toBe('https://b.example.vn/hook');
  });

  it('queues a test event for the endpoint; a paused endpoint refuses redelivery until enabled', async () => {
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://a.example.vn/hook', ['training.logged']);
    const test = await subgraph.execute(`mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { id eventType status payload } }`, {
      as: callers.partner,
      variables: { id: endpoint.id },
    });
    expect(test.errors).toBeUndefined();
    expect(test.data?.sendTestWebhook).toMatchObject({ eventType: 'webhook.test', status: 'PENDING' });
    expect(JSON.parse(test.data?.sendTestWebhook.payload).data).toEqual({ endpointId: endpoint.id, partnerId: partnerA.id });

    const paused = await subgraph.execute(`mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { status disabledReason } }`, { as: callers.partner, variables: { id: endpoint.id } });
    expect(paused.data?.disableWebhookEndpoint).toEqual({ status: 'DISABLED', disabledReason: 'Doanh nghiệp tạm dừng' });
    const redeliver = await subgraph.execute(`mutation ($id: ID!) { redeliverWebhook(id: $id) { id } }`, { as: callers.partner, variables: { id: test.data?.sendTestWebhook.id } });
    expect(errorCodes(redeliver)).toEqual(['CONFLICT']);
    expect(redeliver.errors?.[0].message).toMatch(/^Địa chỉ webhook đang tạm dừng/);
  });
});

describe('rotating the signing secret and deleting an endpoint', () => {
  const ROTATE = `mutation ($id: ID!, $key: String) { rotateWebhookSigningSecret(id: $id, idempotencyKey: $key) { signingSecret endpoint { id previousSecretExpiresAt } } }`;
  const DELETE = `mutation ($id: ID!, $key: String) { deleteWebhookEndpoint(id: $id, idempotencyKey: $key) { id pendingCancelled } }`;
  const trailOf = (entityId: string) => subgraph.db.manager.find(AuditEntry, { where: { entityId }, order: { at: 'ASC' } });

  it('rotates: a new secret shown once, the old one signing too for 24 hours, none in the trail; once per key; only the partner and admins', async () => {
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://a.example.vn/hook', ['training.logged']);
    const refused = await subgraph.execute(ROTATE, { as: callers.otherPartner, variables: { id: endpoint.id } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors?.[0].message).toMatch(/đổi khoá ký của địa chỉ webhook này/);
    expect((await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).signingSecret).toBe(endpoint.signingSecret);

    const key = randomUUID();
    const before = Date.now();
    const rotated = await subgraph.execute(ROTATE, { as: callers.partner, variables: { id: endpoint.id, key } });
    expect(rotated.errors).toBeUndefined();
    const { signingSecret, endpoint: after } = rotated.data!.rotateWebhookSigningSecret;
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signingSecret).not.toBe(endpoint.signingSecret);
    const graceEnds = new Date(after.previousSecretExpiresAt).getTime();
    expect(graceEnds - before).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(graceEnds - before).toBeLessThan(24 * 3_600_000 + 60_000);
    const stored = await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id });
    expect([stored.signingSecret, stored.previousSigningSecret]).toEqual([signingSecret, endpoint.signingSecret]);
    const [raw] = await subgraph.db.manager.query(`SELECT previousSigningSecret FROM webhook_endpoint WHERE id = '${endpoint.id}'`);
    expect(raw.previousSigningSecret).not.toContain(endpoint.signingSecret.slice(6));

    // A retry with the key answers the same secret and rotates nothing more.
    const retried = await subgraph.execute(ROTATE, { as: callers.partner, variables: { id: endpoint.id, key } });
    expect(retried.data?.rotateWebhookSigningSecret.signingSecret).toBe(signingSecret);
    const trail = await trailOf(endpoint.id);
    expect(trail.map((entry) => entry.action)).toEqual(['rotateWebhookSigningSecret']);
    for (const secret of [signingSecret, endpoint.signingSecret]) expect(JSON.stringify(trail)).not.toContain(secret.slice(6));

    const byAdmin = await subgraph.execute(ROTATE, { as: callers.admin, variables: { id: endpoint.id } });
    expect(byAdmin.data?.rotateWebhookSigningSecret.signingSecret).not.toBe(signingSecret);
    expect((await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).previousSigningSecret).toBe(signingSecret);
    expect(errorCodes(await subgraph.execute(ROTATE, { as: callers.partner, variables: { id: endpoint.id, key: 'short' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('does each once when two requests with the same key arrive together', async () => {
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://a.example.vn/hook', ['training.logged']);
    const rotateKey = randomUUID();
    const rotations = await Promise.all([1, 2].map(() => subgraph.execute(ROTATE, { as: callers.partner, variables: { id: endpoint.id, key: rotateKey } })));
    expect(rotations.map((result) => result.errors)).toEqual([undefined, undefined]);
    const [first, second] = rotations.map((result) => result.data!.rotateWebhookSigningSecret.signingSecret);
    expect(second).toBe(first);
    expect((await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).previousSigningSecret).toBe(endpoint.signingSecret);

    const deleteKey = randomUUID();
    const deletions = await Promise.all([1, 2].map(() => subgraph.execute(DELETE, { as: callers.partner, variables: { id: endpoint.id, key: deleteKey } })));
    expect(deletions.map((result) => result.data?.deleteWebhookEndpoint.id)).toEqual([endpoint.id, endpoint.id]);
    expect((await trailOf(endpoint.id)).map((entry) => entry.action)).toEqual(['rotateWebhookSigningSecret', 'deleteWebhookEndpoint']);
  });

  it('deletes an endpoint with its log, pending deliveries never sent; once per key; the trail keeps what it was', async () => {
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://a.example.vn/hook', ['training.logged']);
    const kept = await fakeWebhookEndpoint(subgraph.db, partnerA, 'https://b.example.vn/hook', ['training.logged']);
    const event = fakeDomainEvent({ type: 'training.logged', scope: { partnerId: partnerA.id } });
    await subgraph.db.transaction((manager) => queueWebhooks(manager, event));
    const [delivered] = await subgraph.db.manager.findBy(WebhookDelivery, { endpointId: endpoint.id });
    await subgraph.db.manager.update(WebhookDelivery, { id: delivered.id }, { status: WebhookDeliveryStatus.DELIVERED });
    await subgraph.db.manager.insert(WebhookAttempt, { id: randomUUID(), deliveryId: delivered.id, attemptedAt: new Date(), responseStatus: 200, durationMs: 5, error: null });
    await subgraph.db.transaction((manager) => queueTestWebhook(manager, endpoint));

    expect(errorCodes(await subgraph.execute(DELETE, { as: callers.otherPartner, variables: { id: endpoint.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(DELETE, { as: callers.officer, variables: { id: endpoint.id } }))).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.manager.countBy(WebhookDelivery, { endpointId: endpoint.id })).toBe(2);

    const key = randomUUID();
    const deleted = await subgraph.execute(DELETE, { as: callers.partner, variables: { id: endpoint.id, key } });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteWebhookEndpoint).toEqual({ id: endpoint.id, pendingCancelled: 1 });
    expect(await subgraph.db.manager.countBy(WebhookEndpoint, { id: endpoint.id })).toBe(0);
    expect(await subgraph.db.manager.countBy(WebhookDelivery, { endpointId: endpoint.id })).toBe(0);
    expect(await subgraph.db.manager.countBy(WebhookAttempt, { deliveryId: delivered.id })).toBe(0);
    // The partner's other endpoint keeps its delivery of the same event.
    expect(await subgraph.db.manager.countBy(WebhookDelivery, { endpointId: kept.id })).toBe(1);

    const retried = await subgraph.execute(DELETE, { as: callers.partner, variables: { id: endpoint.id, key } });
    expect(retried.data?.deleteWebhookEndpoint).toEqual({ id: endpoint.id, pendingCancelled: 0 });
    expect(errorCodes(await subgraph.execute(DELETE, { as: callers.partner, variables: { id: endpoint.id } }))).toEqual(['NOT_FOUND']);
    const trail = await trailOf(endpoint.id);
    expect(trail).toEqual([expect.objectContaining({ action: 'deleteWebhookEndpoint', actor: 'partner-staff' })]);
    expect(JSON.parse(trail[0].before!)).toMatchObject({ url: 'https://a.example.vn/hook', eventTypeList: 'training.logged', status: 'ENABLED' });
    expect(JSON.parse(trail[0].after!)).toEqual({ pendingCancelled: 1 });
  });
});

it('lists the event types a partner may subscribe to, described in Vietnamese, to anyone', async () => {
  const result = await subgraph.execute(`{ webhookEventTypes { type audience fields description } }`);
  expect(result.errors).toBeUndefined();
  const types = result.data?.webhookEventTypes;
  expect(types).toContainEqual(expect.objectContaining({ type: 'onboarding.logged', audience: 'PARTNER' }));
  expect(types).toContainEqual(expect.objectContaining({ type: 'unit.moved', audience: 'PUBLIC' }));
  for (const type of types) expect(type.description).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵéèẻẽẹóòỏõọ]/i);
});
