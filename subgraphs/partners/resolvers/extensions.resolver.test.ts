import { randomUUID } from 'node:crypto';
import type { HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { OnboardingStatus, TrainingInvitation, type Onboarding, type Training } from '../entities';
import { callersFor, fakeAttendance, fakeOnboarding, fakePartner, fakeTraining, fakeTree, type FakeTeam } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

const tree = fakeTree();
let subgraph: TestSubgraph;
let partnerA: Awaited<ReturnType<typeof fakePartner>>;
let partnerB: Awaited<ReturnType<typeof fakePartner>>;
let callers: ReturnType<typeof callersFor>;
type Caller = keyof ReturnType<typeof callersFor>;
const claimsOf = (who: Caller | 'anonymous'): HubClaims | undefined => (who === 'anonymous' ? undefined : callers[who]);

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  partnerA = await fakePartner(subgraph.db, { shortName: 'Viettel' });
  partnerB = await fakePartner(subgraph.db, { shortName: 'VNPost' });
  callers = callersFor(tree, partnerA.partner.id, partnerB.partner.id);
});
afterAll(() => subgraph.close());

/** A new team with three members in a new village under `parent`, known to the unit directory. */
let serial = 0;
function newTeam(parent = tree.commune): FakeTeam {
  serial += 1;
  const unit = tree.units.addUnit(`EXT${serial}`, parent);
  const id = randomUUID();
  tree.units.addTeam(id, unit);
  const memberIds = [randomUUID(), randomUUID(), randomUUID()];
  for (const memberId of memberIds) tree.units.addMember(memberId, id);
  return { id, unit, memberIds };
}

const TEAMS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Team { id trainingsAttended { title partner { shortName } } onboardingsHelped { status } }
    }
  }
`;
const MEMBERS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id trainingsAttended { title } } } }`;
const teamRef = (id: string) => ({ __typename: 'Team', id });
const memberRef = (id: string) => ({ __typename: 'Member', id });

describe('partner work on a team', () => {
  // The village team's members went to two of partner A's trainings and one of partner B's;
  // the team helped one household onto each partner's platform. Another team went to A's first training too.
  const team = tree.villageTeam;
  let early: Training;
  let middle: Training;
  let late: Training;
  let walletOnboarding: Onboarding;
  let shopOnboarding: Onboarding;

  beforeAll(async () => {
    const { db } = subgraph;
    early = await fakeTraining(db, partnerA.partner, tree.commune, { title: 'A: Thanh toán không tiền mặt', heldOn: '2025-09-01' });
    late = await fakeTraining(db, partnerA.partner, tree.commune, { title: 'A: Ví điện tử cho hộ kinh doanh', heldOn: '2025-11-01' });
    middle = await fakeTraining(db, partnerB.partner, tree.province, { title: 'B: Mở gian hàng trên sàn', heldOn: '2025-10-10' });
    // Saved out of date order, and each with several members: listed once each, newest first.
    await fakeAttendance(db, early, team, team.memberIds.slice(0, 2));
    await fakeAttendance(db, late, team);
    await fakeAttendance(db, middle, team, [team.memberIds[2]]);
    await fakeAttendance(db, early, tree.otherCommuneTeam, [tree.otherCommuneTeam.memberIds[0]]);
    walletOnboarding = await fakeOnboarding(db, partnerA.wallet, team, { onboardedOn: '2025-10-05', status: OnboardingStatus.STARTED });
    shopOnboarding = await fakeOnboarding(db, partnerB.marketplace, team, { onboardedOn: '2025-10-20', status: OnboardingStatus.ACTIVE });
    await fakeOnboarding(db, partnerA.wallet, tree.otherCommuneTeam, { status: OnboardingStatus.ABANDONED });
  });

  const all = () => ({
    trainingsAttended: [
      { title: late.title, partner: { shortName: 'Viettel' } },
      { title: middle.title, partner: { shortName: 'VNPost' } },
      { title: early.title, partner: { shortName: 'Viettel' } },
    ],
    onboardingsHelped: [{ status: 'ACTIVE' }, { status: 'STARTED' }],
  });

  it.each<[string, Caller, () => object]>([
    ['the team’s leader', 'villageLeader', all],
    ['an officer over the commune', 'officer', all],
    ['an officer over the province', 'provinceOfficer', all],
    ['an admin', 'admin', all],
    [
      'partner A (its own trainings and onboardings only)',
      'partner',
      () => ({
        trainingsAttended: [
          { title: late.title, partner: { shortName: 'Viettel' } },
          { title: early.title, partner: { shortName: 'Viettel' } },
        ],
        onboardingsHelped: [{ status: 'STARTED' }],
      }),
    ],
    [
      'partner B (its own only)',
      'otherPartner',
      () => ({ trainingsAttended: [{ title: middle.title, partner: { shortName: 'VNPost' } }], onboardingsHelped: [{ status: 'ACTIVE' }] }),
    ],
    ['an officer elsewhere (nothing)', 'officerElsewhere', () => ({ trainingsAttended: [], onboardingsHelped: [] })],
    ['another team’s leader (nothing)', 'otherLeader', () => ({ trainingsAttended: [], onboardingsHelped: [] })],
    ['an organiser (nothing)', 'organiser', () => ({ trainingsAttended: [], onboardingsHelped: [] })],
  ])('shows %s what they may see', async (_who, who, expected) => {
    const result = await subgraph.execute(TEAMS, { as: claimsOf(who), variables: { r: [teamRef(team.id)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: team.id, ...expected() }]);
  });

  it('answers an anonymous caller with nulls and UNAUTHENTICATED', async () => {
    const result = await subgraph.execute(TEAMS, { variables: { r: [teamRef(team.id)] } });
    expect(result.data?._entities).toEqual([{ id: team.id, trainingsAttended: null, onboardingsHelped: null }]);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(result.errors?.map((error) => error.path).sort()).toEqual([
      ['_entities', 0, 'onboardingsHelped'],
      ['_entities', 0, 'trainingsAttended'],
    ]);
  });

  it('keeps each team’s work apart when several are asked for at once', async () => {
    const result = await subgraph.execute(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Team { id trainingsAttended { id } onboardingsHelped { id } } } }`,
      { as: callers.provinceOfficer, variables: { r: [teamRef(tree.otherCommuneTeam.id), teamRef(team.id), teamRef(tree.communeTeam.id)] } },
    );
    expect(result.errors).toBeUndefined();
    const [other, village, commune] = result.data?._entities;
    expect(other.trainingsAttended).toEqual([{ id: early.id }]);
    expect(other.onboardingsHelped).toHaveLength(1);
    expect(village.trainingsAttended).toEqual([{ id: late.id }, { id: middle.id }, { id: early.id }]);
    expect(village.onboardingsHelped).toEqual([{ id: shopOnboarding.id }, { id: walletOnboarding.id }]);
    expect(commune).toEqual({ id: tree.communeTeam.id, trainingsAttended: [], onboardingsHelped: [] });
  });

  it('shows the helped onboardings’ residents’ details to the team’s leader only, not to an officer over it', async () => {
    const HELPED = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Team { onboardingsHelped { id phone } } } }`;
    const byLeader = await subgraph.execute(HELPED, { as: callers.villageLeader, variables: { r: [teamRef(team.id)] } });
    expect(byLeader.errors).toBeUndefined();
    expect(byLeader.data?._entities[0].onboardingsHelped).toEqual([
      { id: shopOnboarding.id, phone: shopOnboarding.phone },
      { id: walletOnboarding.id, phone: walletOnboarding.phone },
    ]);
    const byOfficer = await subgraph.execute(HELPED, { as: callers.officer, variables: { r: [teamRef(team.id)] } });
    expect(byOfficer.data?._entities[0].onboardingsHelped).toEqual([
      { id: shopOnboarding.id, phone: null },
      { id: walletOnboarding.id, phone: null },
    ]);
    expect(errorCodes(byOfficer)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  describe('on a member', () => {
    // The first member went to the early and late trainings (A's), the third to the late one and B's.
    it.each<[string, Caller, number, () => string[]]>([
      ['the team’s leader', 'villageLeader', 0, () => [late.title, early.title]],
      ['an officer over the commune', 'officer', 0, () => [late.title, early.title]],
      ['an officer over the province', 'provinceOfficer', 2, () => [late.title, middle.title]],
      ['partner A (its own training only)', 'partner', 2, () => [late.title]],
      ['partner B (its own training only)', 'otherPartner', 2, () => [middle.title]],
      ['partner B (none of its trainings)', 'otherPartner', 0, () => []],
      ['an officer elsewhere (none)', 'officerElsewhere', 0, () => []],
      ['another team’s leader (none)', 'otherLeader', 2, () => []],
    ])('shows %s (%s) the trainings member %i attended, newest first', async (_who, who, index, titles) => {
      const memberId = team.memberIds[index];
      const result = await subgraph.execute(MEMBERS, { as: claimsOf(who), variables: { r: [memberRef(memberId)] } });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([{ id: memberId, trainingsAttended: titles().map((title) => ({ title })) }]);
    });

    it('shows each member their own trainings', async () => {
      const result = await subgraph.execute(MEMBERS, {
        as: callers.villageLeader,
        variables: { r: team.memberIds.map(memberRef) },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities.map((member: { trainingsAttended: { title: string }[] }) => member.trainingsAttended.map(({ title }) => title))).toEqual([
        [late.title, early.title],
        [late.title, early.title],
        [late.title, middle.title],
      ]);
    });

    it('answers an anonymous caller with null and UNAUTHENTICATED', async () => {
      const result = await subgraph.execute(MEMBERS, { variables: { r: [memberRef(team.memberIds[0])] } });
      expect(result.data?._entities).toEqual([{ id: team.memberIds[0], trainingsAttended: null }]);
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.errors?.[0].path).toEqual(['_entities', 0, 'trainingsAttended']);
    });
  });
});

describe('partnersAuditTrail', () => {
  const AUDIT = `query ($unit: String!) { partnersAuditTrail(unitCode: $unit, first: 100) { actor action entityType entityId } }`;
  const LOG = `mutation ($input: LogOnboardingsInput!) { logOnboardings(input: $input) { rows { id } } }`;
  let inCommune: string;
  let elsewhere: string;

  beforeAll(async () => {
    const village = newTeam(tree.commune);
    const far = newTeam(tree.otherCommune);
    const row = (teamId: string, key: string) => ({
      idempotencyKey: key,
      platformId: partnerA.wallet.id,
      onboardeeKind: 'HOUSEHOLD',
      consent: GIVEN_CONSENT,
      name: 'Hộ ông Hà Văn Tâm',
      phone: '0912345678',
      teamId,
      onboardedOn: '2025-10-01',
    });
    const result = await subgraph.execute(LOG, {
      as: callers.partner,
      variables: { input: { partnerId: partnerA.partner.id, onboardings: [row(village.id, 'audit-trail-1'), row(far.id, 'audit-trail-2')] } },
    });
    expect(result.errors).toBeUndefined();
    [inCommune, elsewhere] = result.data?.logOnboardings.rows.map((row: { id: string }) => row.id);
  });

  it.each<[string, Caller]>([
    ['an officer over the commune', 'officer'],
    ['an officer over the province', 'provinceOfficer'],
    ['an admin', 'admin'],
  ])('shows %s the changes in the commune’s subtree only', async (_who, who) => {
    const result = await subgraph.execute(AUDIT, { as: claimsOf(who), variables: { unit: tree.commune.unitCode } });
    expect(result.errors).toBeUndefined();
    const entries = result.data?.partnersAuditTrail;
    expect(entries).toContainEqual({ actor: 'partner-staff', action: 'logOnboardings', entityType: 'Onboarding', entityId: inCommune });
    expect(entries.map((entry: { entityId: string }) => entry.entityId)).not.toContain(elsewhere);
  });

  it.each<[string, Caller | 'anonymous', string]>([
    ['an officer elsewhere', 'officerElsewhere', 'FORBIDDEN'],
    ['the partner who logged the work', 'partner', 'FORBIDDEN'],
    ['a team leader in the commune', 'villageLeader', 'FORBIDDEN'],
    ['an organiser', 'organiser', 'FORBIDDEN'],
    ['an anonymous caller', 'anonymous', 'UNAUTHENTICATED'],
  ])('refuses %s', async (_who, who, code) => {
    const result = await subgraph.execute(AUDIT, { as: claimsOf(who), variables: { unit: tree.commune.unitCode } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
  });

  it('lets an officer elsewhere read their own subtree', async () => {
    const result = await subgraph.execute(AUDIT, { as: callers.officerElsewhere, variables: { unit: tree.otherCommune.unitCode } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.partnersAuditTrail.map((entry: { entityId: string }) => entry.entityId)).toEqual([elsewhere]);
  });
});

describe('SQL queries do not grow with the teams asked for (no N+1)', () => {
  /** `count` new teams, each whose members went to a training of each partner, and who helped one household onto each. */
  async function teamsWithWork(count: number): Promise<FakeTeam[]> {
    const { db } = subgraph;
    const teams = Array.from({ length: count }, () => newTeam(tree.commune));
    for (const [index, team] of teams.entries()) {
      const ofA = await fakeTraining(db, partnerA.partner, team.unit, { title: `A ${index}`, heldOn: '2025-09-01' });
      const ofB = await fakeTraining(db, partnerB.partner, team.unit, { title: `B ${index}`, heldOn: '2025-09-02' });
      await fakeAttendance(db, ofA, team, team.memberIds.slice(0, 2));
      await fakeAttendance(db, ofB, team);
      await fakeOnboarding(db, partnerA.wallet, team, { onboardedOn: '2025-09-03' });
      await fakeOnboarding(db, partnerB.marketplace, team, { onboardedOn: '2025-09-04', status: OnboardingStatus.ACTIVE });
    }
    return teams;
  }

  it.each<[string, Caller, number]>([
    ['an officer over them', 'provinceOfficer', 2],
    ['a partner', 'partner', 1],
  ])('for team entities with trainings attended and onboardings helped, as %s', async (_who, who, perTeam) => {
    const queriesFor = async (count: number) => {
      const teams = await teamsWithWork(count);
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(TEAMS, { as: claimsOf(who), variables: { r: teams.map((team) => teamRef(team.id)) } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(count);
      for (const [index, team] of result.data._entities.entries()) {
        expect(team.id).toBe(teams[index].id);
        expect(team.trainingsAttended).toHaveLength(perTeam);
        expect(team.trainingsAttended[0].partner.shortName).toBe(perTeam === 2 ? 'VNPost' : 'Viettel');
        expect(team.onboardingsHelped).toHaveLength(perTeam);
      }
      return queries;
    };
    const few = await queriesFor(2);
    expect(await queriesFor(8)).toBe(few);
    expect(few).toBeLessThanOrEqual(4); // attendance, trainings, partners, onboardings
  });
});

describe('Team.worksWithCallingPartner (what the teams subgraph asks before showing members’ names)', () => {
  const WORKS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Team { id works: worksWithCallingPartner } } }`;
  const invited = newTeam();
  const attended = newTeam();
  const neither = newTeam();

  beforeAll(async () => {
    const { db } = subgraph;
    const training = await fakeTraining(db, partnerA.partner, tree.commune);
    await db.manager.save(db.manager.create(TrainingInvitation, { trainingId: training.id, teamId: invited.id }));
    await fakeAttendance(db, await fakeTraining(db, partnerA.partner, tree.commune), attended);
  });

  it.each([
    ['the partner that invited one team and recorded the other’s members', 'partner', [true, true, false]],
    ['another partner', 'otherPartner', [false, false, false]],
    ['an officer (whose rights the teams subgraph checks itself)', 'officer', [false, false, false]],
  ] as [string, Caller, boolean[]][])('answers for %s', async (_, caller, expected) => {
    const result = await subgraph.execute(WORKS, { as: claimsOf(caller), variables: { r: [invited, attended, neither].map((team) => teamRef(team.id)) } });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((team: { works: boolean }) => team.works)).toEqual(expected);
  });
});
