import { Role, type HubClaims } from '../../common/auth';
import { GIVEN_CONSENT } from '../../common/testing/consent';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import type { UnitPlace } from '../../common/unit-directory';
import { resources } from '..';
import { Volunteer, VolunteerShift } from '../entities';
import { fakeProgramme, fakeTree } from '../testing/factories';

let subgraph: TestSubgraph;
const tree = fakeTree();
const otherVillage = tree.units.addUnit('OV1', tree.otherCommune);
const otherTeamId = 'team-of-the-other-village';
tree.units.addTeam(otherTeamId, otherVillage);

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const { officer, officerElsewhere, leader } = tree.callers;
const otherLeader: HubClaims = { sub: 'other-leader', roles: [Role.TEAM_LEADER], team: otherTeamId };

const REGISTER = `mutation ($input: VolunteerInput!) { registerVolunteer(input: $input) { id unitCode fullName phone skills } }`;
const LOG = `mutation ($input: VolunteerShiftInput!) { logVolunteerShift(input: $input) { id hours workedOn } }`;
const VOLUNTEERS = `query ($unitCode: String!) { volunteers(unitCode: $unitCode) { id fullName phone } }`;
const HOURS = `query ($id: ID!) { programme(id: $id) { volunteerHours } }`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

let serial = 0;
function register(unit: UnitPlace, as: HubClaims | undefined, input: Record<string, unknown> = {}) {
  serial += 1;
  return subgraph.execute(REGISTER, {
    as,
    variables: { input: { unitCode: unit.unitCode, fullName: `Tình nguyện viên ${serial}`, phone: `09120000${String(serial).padStart(2, '0')}`, skills: 'livestream', consent: GIVEN_CONSENT, ...input } },
  });
}

const log = (volunteerId: string, programmeId: string, hours: number, as: HubClaims = officer) =>
  subgraph.execute(LOG, { as, variables: { input: { volunteerId, programmeId, workedOn: '2025-10-04', hours, activity: 'Hướng dẫn cài VNeID' } } });

describe('registerVolunteer', () => {
  it('is for officers over the unit and the leader of a team at that unit', async () => {
    expect(ok(await register(tree.commune, officer, { fullName: 'Lê Văn Tâm' })).registerVolunteer).toMatchObject({
      unitCode: tree.commune.unitCode,
      fullName: 'Lê Văn Tâm',
      skills: 'livestream',
    });
    expect(ok(await register(tree.village, leader)).registerVolunteer.unitCode).toBe(tree.village.unitCode);
  });

  it('refuses others', async () => {
    const before = await subgraph.db.manager.count(Volunteer);
    expect(errorCodes(await register(tree.commune, leader))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await register(tree.village, otherLeader))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await register(tree.village, officerElsewhere))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await register(tree.village, undefined))).toEqual(['UNAUTHENTICATED']);
    expect(await subgraph.db.manager.count(Volunteer)).toBe(before);
  });
});

describe('logVolunteerShift', () => {
  it('takes hours in quarter hours and sums them into the programme’s volunteerHours', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    const volunteer = ok(await register(tree.village, leader)).registerVolunteer;
    expect(ok(await log(volunteer.id, programme.id, 2.5, leader)).logVolunteerShift.hours).toBe(2.5);
    ok(await log(volunteer.id, programme.id, 1.25));
    expect(ok(await subgraph.execute(HOURS, { variables: { id: programme.id } })).programme.volunteerHours).toBe(3.75);
  });

  it('refuses hours that are not whole quarter hours, naming hours, and writes nothing', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const volunteer = ok(await register(tree.commune, officer)).registerVolunteer;
    for (const hours of [2.3, 0.1, 25]) {
      expect((await log(volunteer.id, programme.id, hours)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hours' });
    }
    expect(await subgraph.db.manager.countBy(VolunteerShift, { programmeId: programme.id })).toBe(0);
  });

  it('takes volunteers of the programme’s unit, above or below it, but not of an unrelated unit', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const above = await subgraph.db.manager.save(subgraph.db.manager.create(Volunteer, { ...tree.province, fullName: 'Tỉnh', phone: null, memberId: null, skills: '' }));
    const below = ok(await register(tree.village, officer)).registerVolunteer;
    const unrelated = ok(await register(otherVillage, officerElsewhere)).registerVolunteer;
    ok(await log(above.id, programme.id, 1));
    ok(await log(below.id, programme.id, 1));
    expect((await log(unrelated.id, programme.id, 1)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'volunteerId' });
    expect(await subgraph.db.manager.countBy(VolunteerShift, { programmeId: programme.id })).toBe(2);
  });

  it('is for the programme’s managers', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const volunteer = ok(await register(tree.commune, officer)).registerVolunteer;
    expect(errorCodes(await log(volunteer.id, programme.id, 1, leader))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await log(volunteer.id, programme.id, 1, officerElsewhere))).toEqual(['FORBIDDEN']);
  });
});

describe('volunteers’ names and phones', () => {
  it('are shown to officers over the unit and the leader of its team', async () => {
    const { id } = ok(await register(tree.village, leader, { fullName: 'Hà Thị Thu', phone: '0988777666' })).registerVolunteer;
    for (const as of [officer, leader]) {
      const { volunteers } = ok(await subgraph.execute(VOLUNTEERS, { as, variables: { unitCode: tree.village.unitCode } }));
      expect(volunteers).toContainEqual({ id, fullName: 'Hà Thị Thu', phone: '0988777666' });
    }
  });

  it('are hidden from everyone else', async () => {
    ok(await register(tree.village, leader, { fullName: 'Đinh Văn Kín', phone: '0966555444' }));
    const outsiders: [HubClaims | undefined, string, string][] = [
      [officerElsewhere, tree.village.unitCode, 'FORBIDDEN'],
      [otherLeader, tree.village.unitCode, 'FORBIDDEN'],
      [leader, tree.commune.unitCode, 'FORBIDDEN'],
      [undefined, tree.village.unitCode, 'UNAUTHENTICATED'],
    ];
    for (const [as, unitCode, code] of outsiders) {
      const result = await subgraph.execute(VOLUNTEERS, { as, variables: { unitCode } });
      expect(errorCodes(result)).toEqual([code]);
      expect(JSON.stringify(result)).not.toMatch(/Đinh Văn Kín|0966555444/);
    }
  });
});
