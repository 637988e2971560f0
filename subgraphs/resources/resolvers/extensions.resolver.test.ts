import { randomUUID } from 'node:crypto';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { ProgrammeKind, Receipt, ResourceKind } from '../entities';
import { fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

const tree = fakeTree();
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const EVENTS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Event { id sponsors programmes { name event { id } } } }
  }
`;
const asEvents = (ids: string[]) => ({ representations: ids.map((id) => ({ __typename: 'Event', id })) });

/** A fair with a programme paying for it: a named sponsor who pledged, one who gave, an anonymous one. */
async function fundedFair() {
  const eventId = randomUUID();
  const programme = await fakeProgramme(subgraph.db, tree.commune, { kind: ProgrammeKind.FAIR, eventId });
  const pledger = await fakeSponsor(subgraph.db, tree.commune, { name: `Doanh nghiệp cam kết ${eventId.slice(0, 4)}` });
  const giver = await fakeSponsor(subgraph.db, tree.commune, { name: `Hợp tác xã ${eventId.slice(0, 4)}` });
  const anonymous = await fakeSponsor(subgraph.db, tree.commune, { name: 'Ông Giấu Tên', publiclyNamed: false });
  await fakePledge(subgraph.db, programme, pledger);
  await fakePledge(subgraph.db, programme, anonymous);
  await subgraph.db.manager.save(
    subgraph.db.manager.create(Receipt, {
      unitCode: programme.unitCode,
      unitPath: programme.unitPath,
      year: 2025,
      number: Math.floor(Math.random() * 1e6),
      programmeId: programme.id,
      sponsorId: giver.id,
      pledgeId: null,
      kind: ResourceKind.CASH,
      receivedOn: '2025-09-20',
      method: null,
      amount: 2_000_000,
      note: null,
      recordedBy: 'test',
    }),
  );
  return { eventId, programme, pledger, giver };
}

it('names the sponsors of an event’s programmes who agreed to be named, and only them, to anyone', async () => {
  const { eventId, programme, pledger, giver } = await fundedFair();
  const other = await fundedFair();
  const result = await subgraph.execute(EVENTS, { variables: asEvents([eventId, other.eventId, randomUUID()]) });
  expect(result.errors).toBeUndefined();
  const [fair, otherFair, unfunded] = result.data?._entities;
  expect(fair).toEqual({
    id: eventId,
    sponsors: [giver.name, pledger.name].sort(),
    programmes: [{ name: programme.name, event: { id: eventId } }],
  });
  expect(otherFair.sponsors).toEqual([other.giver.name, other.pledger.name].sort());
  expect(unfunded).toMatchObject({ sponsors: [], programmes: [] });
});

it('answers any number of events in the same number of SQL queries', async () => {
  const fairs = await Promise.all(Array.from({ length: 8 }, () => fundedFair()));
  const ids = fairs.map((fair) => fair.eventId);
  const count = (some: string[]) => subgraph.countQueries(() => subgraph.execute(EVENTS, { variables: asEvents(some) }));
  expect(await count(ids.slice(0, 2))).toBe(await count(ids));
});
