import { randomUUID } from 'node:crypto';
import { verifyWebhook, WebhookVerificationError } from '../../../client/webhooks';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { PartnerNotice, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookEndpointStatus, type Partner } from '../entities';
import type { DomainEvent } from '../../common/outbox';
import { deleteEndpoint, PREVIOUS_SECRET_GRACE_HOURS, queueWebhooks, rotateSigningSecret } from '../services/webhooks';
import { callersFor, fakeDomainEvent, fakePartner, fakeTree, fakeWebhookEndpoint } from '../testing/factories';
import { startHangingReceiver, startTestReceiver, type TestReceiver } from '../testing/receiver';
import { recordEvent } from '../../common/outbox';
import { deliverEvents } from '../../common/testing/events';
import { partnerWebhooks } from './consumer';
import { MAX_ATTEMPTS, RETRY_DELAYS_MINUTES, WebhookDispatcher } from './dispatcher';
import { useWebhookSettings, type WebhookSettings } from './settings';

const tree = fakeTree();
const ids = { a: randomUUID(), b: randomUUID() };
const callers = callersFor(tree, ids.a, ids.b);
/** Local receivers on 127.0.0.1 are allowed here explicitly, as in development; production refuses them. */
const LOCAL: WebhookSettings = { allowInsecureUrls: true, pollMs: 0, timeoutMs: 2000 };
const MINUTE = 60_000;

let subgraph: TestSubgraph;
let partner: Partner;
let otherPartner: Partner;
let receivers: TestReceiver[] = [];
/** The fake clock the dispatcher schedules by. */
let now: Date;

beforeAll(async () => {
  useWebhookSettings(LOCAL);
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner } = await fakePartner(subgraph.db, { id: ids.a }));
  ({ partner: otherPartner } = await fakePartner(subgraph.db, { id: ids.b }));
});
beforeEach(() => {
  // Whole seconds: MySQL's datetime keeps no fractions.
  now = new Date(Math.floor(Date.now() / 1000) * 1000);
});
afterEach(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  receivers = [];
  // What a test left pending waits (its endpoints disabled) rather than being sent in the next one.
  await subgraph.db.manager.update(WebhookEndpoint, { status: WebhookEndpointStatus.ENABLED }, { status: WebhookEndpointStatus.DISABLED });
});
afterAll(async () => {
  useWebhookSettings({});
  await subgraph.close();
});

async function receiver(failures = 0): Promise<TestReceiver> {
  const started = await startTestReceiver(failures);
  receivers.push(started);
  return started;
}

function dispatcher(settings: WebhookSettings = LOCAL): WebhookDispatcher {
  return new WebhookDispatcher(subgraph.db, { now: () => now, settings });
}

/** An onboarding event of the partner, queued as the outbox's consumer would. */
async function queued(overrides: Partial<DomainEvent> = {}): Promise<DomainEvent> {
  const event = fakeDomainEvent({ scope: { partnerId: partner.id }, ...overrides });
  await subgraph.db.transaction((manager) => queueWebhooks(manager, event, now));
  return event;
}

const deliveryOf = (endpoint: WebhookEndpoint, event: DomainEvent) =>
  subgraph.db.manager.findOneByOrFail(WebhookDelivery, { endpointId: endpoint.id, eventId: event.id });

const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * MINUTE));

describe('events from the outbox', () => {
  it('reach, signed, the partner whose record they are about and every partner subscribed to public ones, never another partner', async () => {
    const own = await receiver();
    const other = await receiver();
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, own.url, ['training.logged', 'unit.moved']);
    await fakeWebhookEndpoint(subgraph.db, otherPartner, other.url, ['training.logged']);
    const { unitPath, unitCode } = tree.commune;
    await subgraph.db.transaction(async (manager) => {
      await recordEvent(manager, {
        type: 'training.logged',
        version: 1,
        subject: 'training-1',
        payload: { trainingId: 'training-1', partnerId: partner.id, unitCode, heldOn: '2026-11-30', skill: 'ONLINE_PAYMENT' },
        scope: { partnerId: partner.id, unitPath },
      });
      await recordEvent(manager, {
        type: 'unit.moved',
        version: 1,
        subject: unitCode,
        payload: { code: unitCode, parentCode: 'P99', formerParentCode: tree.province.unitCode, formerPath: unitPath, path: `P99.${unitCode}` },
        scope: { unitPath },
      });
    });
    const source = { name: 'partners', db: subgraph.db };
    expect(await deliverEvents([source], { db: subgraph.db, consumers: [partnerWebhooks] })).toBe(2);
    // Delivered again (at least once), it queues nothing twice.
    expect(await deliverEvents([source], { db: subgraph.db, consumers: [partnerWebhooks] })).toBe(0);

    advance(1); // the consumer queued them by the real clock
    expect(await dispatcher().deliverDue()).toBe(2);
    expect(other.received).toHaveLength(0);
    const events = own.received.map((request) => verifyWebhook(request.body, request.headers, endpoint.signingSecret));
    expect(events.map((event) => [event.type, event.data]).sort()).toEqual([
      ['training.logged', { trainingId: 'training-1', partnerId: partner.id, unitCode, heldOn: '2026-11-30', skill: 'ONLINE_PAYMENT' }],
      ['unit.moved', { code: unitCode, parentCode: 'P99', formerParentCode: tree.province.unitCode }],
    ]);
  });
});

describe('a delivery', () => {
  it('to an endpoint deleted while the attempt is in flight is not recorded: it went with the endpoint', async () => {
    const target = await receiver();
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    let deleted: Promise<unknown> = Promise.resolve();
    // The partner deletes the endpoint while its receiver is still answering.
    target.delayMs = 500;
    target.answer = () => {
      deleted = subgraph.db.transaction((manager) => deleteEndpoint(subgraph.db, manager, endpoint.id));
      return 204;
    };
    await queued();
    expect(await dispatcher().deliverDue()).toBe(1);
    expect(await deleted).toEqual({ pendingCancelled: 1 });
    expect(target.received).toHaveLength(1);
    expect(await subgraph.db.manager.countBy(WebhookDelivery, { endpointId: endpoint.id })).toBe(0);
    expect(await subgraph.db.manager.count(WebhookAttempt, { where: { delivery: { endpointId: endpoint.id } } })).toBe(0);
  });

  it('after a rotation carries two signatures for a day, old and new secret each verifying, then only the new', async () => {
    const target = await receiver();
    const old = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    const oldSecret = old.signingSecret;
    const rotated = await subgraph.db.transaction((manager) => rotateSigningSecret(subgraph.db, manager, old.id, now));
    expect(rotated!.signingSecret).not.toBe(oldSecret);
    expect(rotated!.previousSecretExpiresAt!.getTime() - now.getTime()).toBe(PREVIOUS_SECRET_GRACE_HOURS * 60 * MINUTE);

    await queued({ payload: { onboardingId: 'o-rotated', status: 'ACTIVE', teamId: 't-1' } });
    expect(await dispatcher().deliverDue()).toBe(1);
    const [during] = target.received;
    expect(during.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    expect(verifyWebhook(during.body, during.headers, oldSecret).data).toMatchObject({ onboardingId: 'o-rotated' });
    expect(verifyWebhook(during.body, during.headers, rotated!.signingSecret).data).toMatchObject({ onboardingId: 'o-rotated' });

    now = new Date(rotated!.previousSecretExpiresAt!.getTime() + MINUTE);
    await queued({ payload: { onboardingId: 'o-later', status: 'ACTIVE', teamId: 't-1' } });
    expect(await dispatcher().deliverDue()).toBe(1);
    const after = target.received[1];
    expect(after.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifyWebhook(after.body, after.headers, rotated!.signingSecret).data).toMatchObject({ onboardingId: 'o-later' });
    expect(() => verifyWebhook(after.body, after.headers, oldSecret)).toThrow(WebhookVerificationError);
  });

  it('carries the Standard Webhooks headers and a body the SDK verifies with the endpoint’s secret', async () => {
    const target = await receiver();
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    const event = await queued({ payload: { onboardingId: 'o-1', status: 'ACTIVE', teamId: 't-1' } });

    expect(await dispatcher().deliverDue()).toBe(1);
    expect(target.received).toHaveLength(1);
    const [{ headers, body }] = target.received;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe(event.id);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    const verified = verifyWebhook(body, headers, endpoint.signingSecret);
    expect(verified).toEqual({
      id: event.id,
      type: 'onboarding.logged',
      version: 1,
      timestamp: event.occurredAt,
      data: { onboardingId: 'o-1', status: 'ACTIVE', teamId: 't-1' },
    });
    // Altered, signed with another secret, or replayed with another id: refused.
    expect(() => verifyWebhook(body.replace('ACTIVE', 'ABANDONED'), headers, endpoint.signingSecret)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, headers, `whsec_${Buffer.alloc(32, 1).toString('base64')}`)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, { ...headers, 'webhook-id': randomUUID() }, endpoint.signingSecret)).toThrow(WebhookVerificationError);
    // A fetch Headers works as well as Node's.
    expect(verifyWebhook(body, new Headers(headers as Record<string, string>), endpoint.signingSecret).id).toBe(event.id);

    const delivery = await deliveryOf(endpoint, event);
    expect(delivery).toMatchObject({ status: WebhookDeliveryStatus.DELIVERED, attempts: 1, lastResponseStatus: 204, lastError: null, nextAttemptAt: null });
    expect(await dispatcher().deliverDue()).toBe(0);
    expect(target.received).toHaveLength(1);
  });

  it('is retried with exponential backoff while the receiver fails, and delivered once it recovers', async () => {
    const target = await receiver(3);
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    const event = await queued();
    const sender = dispatcher();

    expect(await sender.deliverDue()).toBe(1);
    expect((await deliveryOf(endpoint, event)).nextAttemptAt).toEqual(new Date(now.getTime() + MINUTE));
    advance(0.5);
    expect(await sender.deliverDue()).toBe(0);
    advance(0.5);
    expect(await sender.deliverDue()).toBe(1); // 1 minute after the first
    advance(1);
    expect(await sender.deliverDue()).toBe(0);
    advance(1);
    expect(await sender.deliverDue()).toBe(1); // 2 minutes after the second
    const failing = await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id });
    expect(failing.failingSince).not.toBeNull();
    advance(4);
    expect(await sender.deliverDue()).toBe(1); // 4 minutes after the third: the receiver is back

    expect(target.received.map((request) => request.status)).toEqual([500, 500, 500, 204]);
    // Every attempt is the same message: one id, each signed afresh.
    expect(new Set(target.received.map((request) => request.headers['webhook-id']))).toEqual(new Set([event.id]));
    for (const request of target.received) expect(verifyWebhook(request.body, request.headers, endpoint.signingSecret).id).toBe(event.id);

    const delivery = await deliveryOf(endpoint, event);
    expect(delivery).toMatchObject({ status: WebhookDeliveryStatus.DELIVERED, attempts: 4, lastResponseStatus: 204, lastError: null });
    const attempts = await subgraph.db.manager.find(WebhookAttempt, { where: { deliveryId: delivery.id }, order: { attemptedAt: 'ASC' } });
    expect(attempts.map((attempt) => [attempt.responseStatus, attempt.error])).toEqual([
      [500, 'Địa chỉ nhận trả lời HTTP 500'],
      [500, 'Địa chỉ nhận trả lời HTTP 500'],
      [500, 'Địa chỉ nhận trả lời HTTP 500'],
      [204, null],
    ]);
    expect((await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).failingSince).toBeNull();
  });

  it('records a receiver that cannot be reached, and one that does not answer in time', async () => {
    const closed = await startTestReceiver();
    await closed.close();
    const unreachable = await fakeWebhookEndpoint(subgraph.db, partner, closed.url, ['onboarding.logged']);
    const hanging = await startHangingReceiver();
    const slow = await fakeWebhookEndpoint(subgraph.db, partner, hanging.url, ['onboarding.logged']);
    const event = await queued();
    try {
      expect(await dispatcher({ ...LOCAL, timeoutMs: 300 }).deliverDue()).toBe(2);
    } finally {
      await hanging.close();
    }
    expect(await deliveryOf(unreachable, event)).toMatchObject({ status: WebhookDeliveryStatus.PENDING, attempts: 1, lastResponseStatus: null, lastError: 'Không kết nối được tới địa chỉ nhận' });
    expect(await deliveryOf(slow, event)).toMatchObject({ status: WebhookDeliveryStatus.PENDING, attempts: 1, lastResponseStatus: null, lastError: 'Địa chỉ nhận không trả lời trong 0.3 giây' });
  });

  it('is not sent to a plain http or internal address unless that is allowed (production never allows it)', async () => {
    const target = await receiver();
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    const event = await queued();
    await dispatcher({ ...LOCAL, allowInsecureUrls: false }).deliverDue();
    expect(target.received).toHaveLength(0);
    expect(await deliveryOf(endpoint, event)).toMatchObject({ status: WebhookDeliveryStatus.PENDING, lastError: 'Địa chỉ nhận phải là địa chỉ https' });
  });

  it('is sent once however many workers share the database', async () => {
    const target = await receiver();
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    const events = await Promise.all(Array.from({ length: 8 }, () => queued()));
    const workers = [dispatcher(), dispatcher(), dispatcher()];
    const sent = await Promise.all(workers.map((worker) => worker.deliverDue()));
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(8);
    expect(target.received.map((request) => request.headers['webhook-id']).sort()).toEqual(events.map((event) => event.id).sort());
    expect(await subgraph.db.manager.countBy(WebhookDelivery, { endpointId: endpoint.id, status: WebhookDeliveryStatus.DELIVERED })).toBe(8);
  });
});

describe('an endpoint that keeps failing', () => {
  it('gets every attempt over more than 24 hours, is then disabled, and its partner is told in Vietnamese', async () => {
    const target = await receiver(Number.MAX_SAFE_INTEGER);
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged'], { description: 'CRM chi nhánh Nghệ An' });
    const event = await queued();
    const sender = dispatcher();
    const first = now.getTime();

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await sender.deliverDue()).toBe(1);
      if (attempt < MAX_ATTEMPTS) {
        advance(RETRY_DELAYS_MINUTES[attempt - 1] - 0.5);
        expect(await sender.deliverDue()).toBe(0); // not before its time
        advance(0.5);
      }
    }
    expect(target.received).toHaveLength(MAX_ATTEMPTS);
    expect(now.getTime() - first).toBeGreaterThanOrEqual(24 * 60 * MINUTE);

    const delivery = await deliveryOf(endpoint, event);
    expect(delivery).toMatchObject({ status: WebhookDeliveryStatus.FAILED, attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    const disabled = await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id });
    expect(disabled.status).toBe(WebhookEndpointStatus.DISABLED);
    expect(disabled.disabledReason).toMatch(/^Mọi lần gửi từ .+ đều thất bại \(lần cuối: Địa chỉ nhận trả lời HTTP 500\)\.$/);

    const notices = await subgraph.execute(`query ($id: ID!) { partnerNotices(partnerId: $id) { kind subjectId message } }`, {
      as: callers.partner,
      variables: { id: partner.id },
    });
    expect(notices.errors).toBeUndefined();
    const notice = notices.data!.partnerNotices.find((candidate: PartnerNotice) => candidate.subjectId === endpoint.id);
    expect(notice.kind).toBe('WEBHOOK_ENDPOINT_DISABLED');
    expect(notice.message).toContain(`Hệ thống đã tạm dừng gửi sự kiện tới địa chỉ webhook ${target.url} (CRM chi nhánh Nghệ An)`);
    expect(notice.message).toContain('bật lại');
    // Another partner does not see it.
    const other = await subgraph.execute(`query ($id: ID!) { partnerNotices(partnerId: $id) { subjectId } }`, {
      as: callers.otherPartner,
      variables: { id: partner.id },
    });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // While it is disabled, new events wait; enabled again, they are sent, and the failed one on request.
    target.answer = () => 200;
    const waiting = await queued();
    expect(await sender.deliverDue()).toBe(0);
    const ENABLE = `mutation ($id: ID!) { enableWebhookEndpoint(id: $id) { status disabledReason } }`;
    const enabled = await subgraph.execute(ENABLE, { as: callers.partner, variables: { id: endpoint.id } });
    expect(enabled.data?.enableWebhookEndpoint).toEqual({ status: 'ENABLED', disabledReason: null });
    expect(await sender.deliverDue()).toBe(1);
    expect((await deliveryOf(endpoint, waiting)).status).toBe(WebhookDeliveryStatus.DELIVERED);

    const REDELIVER = `mutation ($id: ID!) { redeliverWebhook(id: $id) { status attempts eventId } }`;
    const redelivered = await subgraph.execute(REDELIVER, { as: callers.partner, variables: { id: delivery.id } });
    expect(redelivered.data?.redeliverWebhook).toEqual({ status: 'PENDING', attempts: 0, eventId: event.id });
    expect(await sender.deliverDue()).toBe(1);
    expect(target.received.at(-1)!.headers['webhook-id']).toBe(event.id);
    expect(await deliveryOf(endpoint, event)).toMatchObject({ status: WebhookDeliveryStatus.DELIVERED, attempts: 1 });
    expect(await subgraph.db.manager.countBy(WebhookAttempt, { deliveryId: delivery.id })).toBe(MAX_ATTEMPTS + 1);
  });

  it('stays enabled when it accepted other deliveries while one of them kept failing', async () => {
    const target = await receiver();
    const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, target.url, ['onboarding.logged']);
    const refused = await queued();
    // The receiver refuses this one event and accepts the others.
    target.answer = (_count, headers) => (headers['webhook-id'] === refused.id ? 422 : 204);
    const sender = dispatcher();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await sender.deliverDue()).toBe(1);
      if (attempt === 6) {
        await queued();
        expect(await sender.deliverDue()).toBe(1);
      }
      if (attempt < MAX_ATTEMPTS) advance(RETRY_DELAYS_MINUTES[attempt - 1]);
    }
    expect(await deliveryOf(endpoint, refused)).toMatchObject({ status: WebhookDeliveryStatus.FAILED, lastResponseStatus: 422 });
    expect((await subgraph.db.manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).status).toBe(WebhookEndpointStatus.ENABLED);
  });
});
