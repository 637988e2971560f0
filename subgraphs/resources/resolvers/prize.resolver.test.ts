import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { testPeers } from '../../common/testing/peers';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '../../events';
import { EventStatus } from '../../events/entities';
import { fakeContest, fakeEntry, fakeEvent, fakeTree } from '../../events/testing/factories';
import { resources } from '..';
import { Allocation, ItemKind } from '../entities';
import { fakeGiftLot, fakeProgramme } from '../testing/factories';

/**
 * Contest prizes from in-kind stock, across the two subgraphs that share them: events names a lot of
 * resources for a prize (asking resources that it exists and is the event's unit's), resources
 * records the hand-over (asking events, with the caller's token, for the prize's lot and winner).
 * Both are real test subgraphs here, asking each other through their `_entities`.
 */
const tree = fakeTree();
const { organiser, otherOrganiser, officer, partner } = tree.callers;
let eventsSubgraph: TestSubgraph;
let resourcesSubgraph: TestSubgraph;

beforeAll(async () => {
  const peers = testPeers({ events: () => eventsSubgraph, resources: () => resourcesSubgraph });
  eventsSubgraph = await createTestSubgraph(events, tree.units, undefined, peers);
  resourcesSubgraph = await createTestSubgraph(resources, tree.units, undefined, peers);
  // Two subgraphs' migrations, on MariaDB under a shared machine's load.
}, 120_000);
afterAll(async () => {
  await eventsSubgraph.close();
  await resourcesSubgraph.close();
});

const SERIALS = ['R9XT1001', 'R9XT1002', 'R9XT1003'];
const ADD = `mutation ($eventId: ID!, $input: ContestInput!) { addContest(eventId: $eventId, input: $input) { id prizes { id rank gift { id } } } }`;
const HAND_OVER = `mutation ($input: HandOverPrizeInput!) { handOverPrize(input: $input) { id quantity recipientKind recipientId issuedOn } }`;
const HANDOVER_OF = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ContestPrize { handover { recipientKind recipientId codes } } } }`;

/** A lot of tablets with serials held by the event's commune, a contest naming it for its first prize, and entries scored. */
async function contestWithTabletPrize(scores: [string | null, number][]) {
  const programme = await fakeProgramme(resourcesSubgraph.db, tree.commune);
  const lot = await fakeGiftLot(resourcesSubgraph.db, programme, SERIALS.length, {
    itemKind: ItemKind.DEVICE,
    description: 'Máy tính bảng Samsung Galaxy Tab A9',
    unitValue: 3_500_000,
    codes: SERIALS.join('\n'),
  });
  const event = await fakeEvent(eventsSubgraph.db, tree.commune, { status: EventStatus.HELD });
  const added = await eventsSubgraph.execute(ADD, {
    as: organiser,
    variables: { eventId: event.id, input: { kind: 'DIGITAL_QUIZ', title: 'Rung chuông vàng kỹ năng số', prizes: [{ rank: 1, description: 'Giải nhất: 01 máy tính bảng', giftId: lot.id }] } },
  });
  expect(added.errors).toBeUndefined();
  const { id: contestId, prizes } = added.data!.addContest;
  const contest = { id: contestId, eventId: event.id } as Parameters<typeof fakeEntry>[1];
  const entries = [];
  for (const [teamId, score] of scores) entries.push(await fakeEntry(eventsSubgraph.db, contest, { teamId, score }));
  return { lot, event, prize: prizes[0] as { id: string }, entries };
}

const handOver = (prizeId: string, as = organiser, extra: Record<string, unknown> = {}) =>
  resourcesSubgraph.execute(HAND_OVER, { as, variables: { input: { prizeId, issuedOn: '2025-11-20', codes: [SERIALS[1]], ...extra } } });

it('takes a prize from a lot of the event’s unit and hands it over to the winning team from the lot, once per key, audited', async () => {
  const { lot, prize } = await contestWithTabletPrize([
    [tree.teams.village, 97],
    [tree.teams.commune, 80],
  ]);
  const key = randomUUID();
  const first = await handOver(prize.id, organiser, { idempotencyKey: key });
  const retry = await handOver(prize.id, organiser, { idempotencyKey: key });
  expect(first.errors).toBeUndefined();
  expect(first.data!.handOverPrize).toEqual({ id: expect.any(String), quantity: 1, recipientKind: 'TEAM', recipientId: tree.teams.village, issuedOn: '2025-11-20' });
  expect(retry.data).toEqual(first.data);
  expect(await resourcesSubgraph.db.manager.findBy(Allocation, { giftId: lot.id })).toHaveLength(1);
  expect(await resourcesSubgraph.db.manager.countBy(AuditEntry, { action: 'handOverPrize', entityId: first.data!.handOverPrize.id })).toBe(1);

  // The contest shows it handed over (through the gateway: resources' field on events' prize); the serial, to the lot's managers only.
  const shown = await resourcesSubgraph.execute(HANDOVER_OF, { as: officer, variables: { representations: [{ __typename: 'ContestPrize', id: prize.id }] } });
  expect(shown.data!._entities).toEqual([{ handover: { recipientKind: 'TEAM', recipientId: tree.teams.village, codes: [SERIALS[1]] } }]);
  const publicly = await resourcesSubgraph.execute(HANDOVER_OF.replace(' codes', ''), { variables: { representations: [{ __typename: 'ContestPrize', id: prize.id }] } });
  expect(publicly.data!._entities).toEqual([{ handover: { recipientKind: 'TEAM', recipientId: tree.teams.village } }]);
});

it('refuses a second hand-over of a prize under another key, naming the prize, and issues nothing more', async () => {
  const { lot, prize } = await contestWithTabletPrize([[tree.teams.village, 90]]);
  expect((await handOver(prize.id)).errors).toBeUndefined();
  const again = await handOver(prize.id, organiser, { codes: [SERIALS[2]] });
  expect(errorCodes(again)).toEqual(['CONFLICT']);
  expect(again.errors![0]).toMatchObject({ message: 'giải này đã được trao', extensions: { field: 'prizeId' } });
  expect(await resourcesSubgraph.db.manager.countBy(Allocation, { giftId: lot.id })).toBe(1);
});

it('hands nothing over while entries tie at the prize’s rank, and does once the organiser breaks the tie', async () => {
  const { lot, prize, entries } = await contestWithTabletPrize([
    [tree.teams.village, 95],
    [tree.teams.commune, 95],
  ]);
  const tied = await handOver(prize.id);
  expect(errorCodes(tied)).toEqual(['CONFLICT']);
  expect(tied.errors![0].message).toBe('2 lượt dự thi đồng hạng 1: ban tổ chức cần phân định thứ hạng trước khi trao giải');
  expect(await resourcesSubgraph.db.manager.countBy(Allocation, { giftId: lot.id })).toBe(0);

  const broken = await eventsSubgraph.execute(`mutation ($input: BreakContestTieInput!) { breakContestTie(input: $input) { id } }`, {
    as: organiser,
    variables: { input: { contestId: entries[0].contestId, entryIds: [entries[1].id, entries[0].id] } },
  });
  expect(broken.errors).toBeUndefined();
  const handed = await handOver(prize.id);
  expect(handed.data!.handOverPrize).toMatchObject({ recipientKind: 'TEAM', recipientId: tree.teams.commune });
});

it('gives a person’s winning entry to a household without copying the person’s name', async () => {
  const { prize } = await contestWithTabletPrize([[null, 99]]);
  const handed = await handOver(prize.id);
  expect(handed.data!.handOverPrize).toMatchObject({ recipientKind: 'HOUSEHOLD', recipientId: null });
  expect(await resourcesSubgraph.db.manager.findOneByOrFail(Allocation, { prizeId: prize.id })).toMatchObject({ household: null });
});

it.each([
  ['another event’s organiser', otherOrganiser, 'FORBIDDEN'],
  ['a partner', partner, 'FORBIDDEN'],
  ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
])('refuses %s (as the events subgraph says) and issues nothing', async (_who, as, code) => {
  const { lot, prize } = await contestWithTabletPrize([[tree.teams.village, 90]]);
  const result = await resourcesSubgraph.execute(HAND_OVER, { as, variables: { input: { prizeId: prize.id, issuedOn: '2025-11-20', codes: [SERIALS[0]] } } });
  expect(errorCodes(result)).toEqual([code]);
  expect(await resourcesSubgraph.db.manager.countBy(Allocation, { giftId: lot.id })).toBe(0);
});

it.each([
  ['prizeId', 'an unknown prize', async () => ({ prizeId: randomUUID() })],
  ['prizeId', 'a prize given from no lot', async () => {
    const event = await fakeEvent(eventsSubgraph.db, tree.commune, { status: EventStatus.HELD });
    const { contest, prizes } = await fakeContest(eventsSubgraph.db, event, {}, 1);
    await fakeEntry(eventsSubgraph.db, contest, { teamId: tree.teams.village, score: 50 });
    return { prizeId: prizes[0].id };
  }],
  ['codes', 'no serial for a lot with serials', async () => ({ prizeId: (await contestWithTabletPrize([[tree.teams.village, 90]])).prize.id, codes: [] })],
  ['codes.0', 'a serial not of the lot', async () => ({ prizeId: (await contestWithTabletPrize([[tree.teams.village, 90]])).prize.id, codes: ['KHONG-CO'] })],
])('refuses %s (%s) and issues nothing', async (field, _what, input) => {
  const before = await resourcesSubgraph.db.manager.count(Allocation);
  const result = await resourcesSubgraph.execute(HAND_OVER, { as: organiser, variables: { input: { issuedOn: '2025-11-20', codes: [SERIALS[0]], ...(await input()) } } });
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors![0].extensions?.field).toBe(field);
  expect(await resourcesSubgraph.db.manager.count(Allocation)).toBe(before);
});

it('refuses to name a lot of another commune for a prize, asking the resources subgraph', async () => {
  const programme = await fakeProgramme(resourcesSubgraph.db, tree.otherCommune);
  const lot = await fakeGiftLot(resourcesSubgraph.db, programme, 1);
  const event = await fakeEvent(eventsSubgraph.db, tree.commune);
  const result = await eventsSubgraph.execute(ADD, {
    as: organiser,
    variables: { eventId: event.id, input: { kind: 'OTHER', title: 'Cuộc thi', prizes: [{ rank: 1, description: 'Giải nhất', giftId: lot.id }] } },
  });
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prizes.0.giftId' });
});
