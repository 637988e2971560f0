import { BasicSkill } from '../../common/skills';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { EventStatus } from '../entities';
import { fakeEvent, fakeTally, fakeTree } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: ReturnType<typeof fakeTree>;

beforeAll(async () => {
  tree = fakeTree();
  subgraph = await createTestSubgraph(events, tree.units);
  const held = { status: EventStatus.HELD };
  const villageFair = await fakeEvent(subgraph.db, tree.village, { ...held, startsOn: '2025-09-27', endsOn: '2025-09-27' });
  await fakeTally(subgraph.db, villageFair, BasicSkill.ONLINE_PAYMENT, 118);
  await fakeTally(subgraph.db, villageFair, BasicSkill.ONLINE_SAFETY, 97);
  const otherFair = await fakeEvent(subgraph.db, tree.otherCommune, { ...held, startsOn: '2025-08-10', endsOn: '2025-08-10' });
  await fakeTally(subgraph.db, otherFair, BasicSkill.ONLINE_SHOPPING, 40);
  const later = await fakeEvent(subgraph.db, tree.commune, { ...held, startsOn: '2025-11-02', endsOn: '2025-11-02' });
  await fakeTally(subgraph.db, later, BasicSkill.ONLINE_SHOPPING, 5);
});
afterAll(() => subgraph.close());

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on UnitRollUp { unitCode residentsHelpedAtEvents } } }`;
const representation = (unitCode: string, period = '2025-Q3') => ({ __typename: 'UnitRollUp', unitCode, period });

describe('residents helped at events, on roll-ups', () => {
  it('sums the tallies of events in each subtree that started in the period, in one statement', async () => {
    const units = [tree.province, tree.commune, tree.otherCommune, tree.village].map((unit) => unit.unitCode);
    let result: OperationResult<Record<string, any>> | undefined;
    const queries = await subgraph.countQueries(async () => {
      result = await subgraph.execute(ENTITIES, { as: tree.callers.officer, variables: { r: [...units.map((code) => representation(code)), representation('VN', '2025')] } });
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?._entities.map((rollUp: { residentsHelpedAtEvents: number }) => rollUp.residentsHelpedAtEvents)).toEqual([255, 215, 40, 215, 260]);
    expect(queries).toBe(2); // one per period
    expect(errorCodes(await subgraph.execute(ENTITIES, { variables: { r: [representation(tree.commune.unitCode)] } }))).toContain('UNAUTHENTICATED');
  });
});
