import { randomUUID } from 'node:crypto';
import { Role } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { OnboardingStatus } from '../entities';
import { fakeAttendance, fakeOnboarding, fakePartner, fakeTraining, fakeTree, type FakeTree } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: FakeTree;
const officer = { sub: 'officer', roles: [Role.OFFICER], units: ['x'] };

beforeAll(async () => {
  tree = fakeTree();
  subgraph = await createTestSubgraph(partners, tree.units);
  const { partner, wallet } = await fakePartner(subgraph.db);
  const inVillage = await fakeTraining(subgraph.db, partner, tree.village, { heldOn: '2025-07-10' });
  await fakeAttendance(subgraph.db, inVillage, tree.villageTeam);
  await fakeAttendance(subgraph.db, await fakeTraining(subgraph.db, partner, tree.province, { heldOn: '2025-08-02' }), tree.otherCommuneTeam);
  await fakeTraining(subgraph.db, partner, tree.commune, { heldOn: '2025-10-01' }); // another quarter
  await fakeOnboarding(subgraph.db, wallet, tree.villageTeam, { onboardedOn: '2025-09-30' });
  await fakeOnboarding(subgraph.db, wallet, tree.communeTeam, { onboardedOn: '2025-07-01', status: OnboardingStatus.ABANDONED });
});
afterAll(() => subgraph.close());

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on UnitRollUp { unitCode trainingsHeld membersTrained onboardings } } }`;
const representation = (unitCode: string, period = '2025-Q3') => ({ __typename: 'UnitRollUp', unitCode, period });

describe('partners’ work on roll-ups', () => {
  it('counts trainings, attendance and onboardings in each subtree and period', async () => {
    const result = await subgraph.execute(ENTITIES, {
      as: officer,
      variables: { r: [representation(tree.province.unitCode), representation(tree.commune.unitCode), representation(tree.otherCommune.unitCode), representation('VN', '2025-10')] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { unitCode: tree.province.unitCode, trainingsHeld: 2, membersTrained: 6, onboardings: 1 },
      { unitCode: tree.commune.unitCode, trainingsHeld: 1, membersTrained: 3, onboardings: 1 },
      { unitCode: tree.otherCommune.unitCode, trainingsHeld: 0, membersTrained: 3, onboardings: 0 },
      { unitCode: 'VN', trainingsHeld: 1, membersTrained: 0, onboardings: 0 },
    ]);
  });

  it('asks the same number of queries for two roll-ups as for eight, and nothing of anonymous callers', async () => {
    const villages = Array.from({ length: 8 }, (_, index) => tree.units.addUnit(`${tree.commune.unitCode}.${index}`, tree.commune).unitCode);
    const count = (unitCodes: string[]) =>
      subgraph.countQueries(async () => {
        const result = await subgraph.execute(ENTITIES, { as: officer, variables: { r: unitCodes.map((code) => representation(code)) } });
        expect(result.errors).toBeUndefined();
      });
    expect(await count(villages)).toBe(await count(villages.slice(0, 2)));
    const anonymous = await subgraph.execute(ENTITIES, { variables: { r: [representation(tree.commune.unitCode)] } });
    expect(errorCodes(anonymous)).toContain('UNAUTHENTICATED');
  });
});

describe('a province’s attendance roll-up on MariaDB', () => {
  it('reads each training’s attendance through the index on (training, team’s unit path), never the rows of other subtrees', async () => {
    if (!subgraph.db.isMysql) return; // the plan is MariaDB's; SQLite's planner is not what runs at national scale
    // Another province's trainings of the quarter, each with a whole team's attendance.
    const elsewhere = fakeTree();
    const { partner } = await fakePartner(subgraph.db);
    const crowd = { ...elsewhere.villageTeam, memberIds: Array.from({ length: 40 }, () => randomUUID()) };
    for (let day = 1; day <= 20; day += 1) {
      await fakeAttendance(subgraph.db, await fakeTraining(subgraph.db, partner, elsewhere.village, { heldOn: `2025-08-${String(day).padStart(2, '0')}` }), crowd);
    }
    await subgraph.db.manager.query('ANALYZE TABLE attendance, training');
    const plans = await subgraph.explainQueries(async () => {
      const result = await subgraph.execute(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on UnitRollUp { membersTrained } } }`, {
        as: officer,
        variables: { r: [representation(tree.province.unitCode)] },
      });
      expect(result.data?._entities).toEqual([{ membersTrained: 6 }]);
    }, /FROM `attendance`/);
    expect(plans).toHaveLength(1);
    expect(plans[0].find((step) => step.table === 'attendance')).toMatchObject({ key: 'IDX_attendance_training_team_unit_path' });
  });
});
