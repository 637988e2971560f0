import { randomUUID } from 'node:crypto';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { WebhookDelivery, WebhookEndpointStatus, type Partner, type WebhookEndpoint } from '../entities';
import { fakeDomainEvent, fakePartner, fakeTree, fakeWebhookEndpoint } from '../testing/factories';
import type { DomainEvent } from '../../common/outbox';
import { queueWebhooks } from './webhooks';

const tree = fakeTree();
let subgraph: TestSubgraph;
let viettel: Partner;
let vnpt: Partner;
let viettelEndpoint: WebhookEndpoint;
let vnptEndpoint: WebhookEndpoint;
let vnptTrainingsOnly: WebhookEndpoint;

const EVERYTHING = ['onboarding.logged', 'training.logged', 'stall-application.decided', 'unit.moved'];

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner: viettel } = await fakePartner(subgraph.db));
  ({ partner: vnpt } = await fakePartner(subgraph.db));
  viettelEndpoint = await fakeWebhookEndpoint(subgraph.db, viettel, 'https://viettel.example.vn/hook', EVERYTHING);
  vnptEndpoint = await fakeWebhookEndpoint(subgraph.db, vnpt, 'https://vnpt.example.vn/hook', EVERYTHING);
  vnptTrainingsOnly = await fakeWebhookEndpoint(subgraph.db, vnpt, 'https://vnpt.example.vn/trainings', ['training.logged']);
});
afterAll(() => subgraph.close());

async function queue(event: DomainEvent): Promise<WebhookDelivery[]> {
  await subgraph.db.transaction((manager) => queueWebhooks(manager, event));
  return subgraph.db.manager.findBy(WebhookDelivery, { eventId: event.id });
}

const endpointsOf = (deliveries: WebhookDelivery[]) => deliveries.map((delivery) => delivery.endpointId).sort();

describe('which partners an event is sent to', () => {
  it('sends a partner’s own event to that partner’s subscribed endpoints only', async () => {
    const deliveries = await queue(fakeDomainEvent({ type: 'onboarding.logged', scope: { partnerId: viettel.id, unitPath: tree.village.unitPath } }));
    expect(endpointsOf(deliveries)).toEqual([viettelEndpoint.id]);
    const training = await queue(fakeDomainEvent({ type: 'training.logged', scope: { partnerId: vnpt.id } }));
    expect(endpointsOf(training)).toEqual([vnptEndpoint.id, vnptTrainingsOnly.id].sort());
  });

  it('sends an event of a partner-only type that names no partner to nobody', async () => {
    expect(await queue(fakeDomainEvent({ type: 'stall-application.decided', scope: { unitPath: tree.commune.unitPath } }))).toEqual([]);
  });

  it('sends a public event (the administrative tree) to every partner subscribed to it', async () => {
    const deliveries = await queue(fakeDomainEvent({ type: 'unit.moved', scope: { unitPath: tree.village.unitPath }, payload: { code: 'V1', parentCode: 'C2', formerParentCode: 'C1', formerPath: 'P1.C1.V1', path: 'P1.C2.V1' } }));
    expect(endpointsOf(deliveries)).toEqual([viettelEndpoint.id, vnptEndpoint.id].sort());
    expect(JSON.parse(deliveries[0].payload).data).toEqual({ code: 'V1', parentCode: 'C2', formerParentCode: 'C1' });
  });

  it.each(['membership-request.awaiting-recommendation', 'receipt.recorded', 'member.joined'])(
    'never sends %s, which is not in the partners’ catalogue, even naming a partner',
    async (type) => {
      expect(await queue(fakeDomainEvent({ type, scope: { partnerId: viettel.id } }))).toEqual([]);
    },
  );

  it('sends only the catalogue’s fields of the payload: anything personal a producer adds stays in the hub', async () => {
    const [delivery] = await queue(
      fakeDomainEvent({
        type: 'onboarding.logged',
        scope: { partnerId: viettel.id },
        payload: { onboardingId: 'o-9', partnerId: viettel.id, status: 'STARTED', name: 'Hộ ông Nguyễn Văn A', phone: '0912345678', address: 'Thôn 3' },
      }),
    );
    const body = JSON.parse(delivery.payload);
    expect(body.data).toEqual({ onboardingId: 'o-9', partnerId: viettel.id, status: 'STARTED' });
    expect(delivery.payload).not.toMatch(/0912345678|Nguyễn Văn A|Thôn 3/);
  });

  it('queues an event once however often it is handed over (at-least-once delivery, one webhook each)', async () => {
    const event = fakeDomainEvent({ type: 'onboarding.logged', scope: { partnerId: viettel.id } });
    await queue(event);
    await queue(event);
    expect(await subgraph.db.manager.countBy(WebhookDelivery, { eventId: event.id })).toBe(1);
  });

  it('queues for a disabled endpoint too, where it waits until the endpoint is enabled', async () => {
    const paused = await fakeWebhookEndpoint(subgraph.db, viettel, 'https://viettel.example.vn/paused', ['onboarding.logged'], { status: WebhookEndpointStatus.DISABLED });
    const deliveries = await queue(fakeDomainEvent({ type: 'onboarding.logged', scope: { partnerId: viettel.id }, id: randomUUID() }));
    expect(endpointsOf(deliveries)).toContain(paused.id);
  });
});
