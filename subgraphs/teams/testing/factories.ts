import { NATION_CODE } from '../../common/auth';
import type { Database } from '../../common/database';
import {
  Affiliation,
  AdministrativeUnit,
  EmulationCampaign,
  Member,
  Nomination,
  NomineeKind,
  ProposalStatus,
  RewardProposal,
  MemberRole,
  Person,
  PersonalDataRequest,
  PersonalDataRequestKind,
  PersonalDataRequestStatus,
  provinceOf,
  Team,
  TeamStatus,
  UnitLevel,
  noFigures,
  type ActivityReport,
  type Figures,
} from '../entities';
import { subjectKeyOf } from '../../common/data-subject';
import { storeReport } from '../services/reports';
import { recountTeam } from '../services/team-counts';

/** Test data for the teams subgraph, written straight to the database; every field can be overridden. */

let serial = 0;
const next = () => (serial += 1);

export async function fakeUnit(
  db: Database,
  { parent, ...overrides }: Partial<AdministrativeUnit> & { parent?: AdministrativeUnit } = {},
): Promise<AdministrativeUnit> {
  const n = next();
  const code = overrides.code ?? `U${n}${Math.random().toString(36).slice(2, 6)}`;
  return db.manager.save(
    Object.assign(new AdministrativeUnit(), {
      code,
      name: `Đơn vị ${n}`,
      level: parent ? UnitLevel.VILLAGE : UnitLevel.PROVINCE,
      // A province sits under the nation (the root, whose path is `/`).
      parentCode: parent?.code ?? NATION_CODE,
      path: `${parent?.path ?? '/'}${code}/`,
      memberLimit: null,
      ...overrides,
    }),
  );
}

/** Province > two communes (two-tier, since 2025) > two villages under the first commune. */
export async function fakeTwoTierTree(db: Database) {
  const province = await fakeUnit(db, { level: UnitLevel.PROVINCE, name: 'Tỉnh Thử Nghiệm' });
  const commune = await fakeUnit(db, { parent: province, level: UnitLevel.COMMUNE, name: 'Xã Một' });
  const otherCommune = await fakeUnit(db, { parent: province, level: UnitLevel.COMMUNE, name: 'Xã Hai' });
  const village = await fakeUnit(db, { parent: commune, level: UnitLevel.VILLAGE, name: 'Thôn Một' });
  const otherVillage = await fakeUnit(db, { parent: commune, level: UnitLevel.VILLAGE, name: 'Thôn Hai' });
  return { province, commune, otherCommune, village, otherVillage };
}

export async function fakePerson(db: Database, overrides: Partial<Person> = {}): Promise<Person> {
  const n = next();
  return db.manager.save(
    db.manager.create(Person, {
      fullName: `Nguyễn Văn ${n}`,
      phone: `09${String(10_000_000 + n).padStart(8, '0')}`,
      address: `Số ${n}, thôn Một`,
      ...overrides,
    }),
  );
}

/** A person's request about their data, waiting in `unit`'s queue (received now, due in 72 hours unless overridden). */
export async function fakePersonalDataRequest(
  db: Database,
  unit: AdministrativeUnit,
  { phone = '0912000999', ...overrides }: Partial<PersonalDataRequest> & { phone?: string } = {},
): Promise<PersonalDataRequest> {
  return db.manager.save(
    db.manager.create(PersonalDataRequest, {
      kind: PersonalDataRequestKind.ERASURE,
      status: PersonalDataRequestStatus.RECEIVED,
      subjectKey: subjectKeyOf(phone),
      unitPath: unit.path,
      unitCode: unit.code,
      details: null,
      dueAt: new Date(Date.now() + 72 * 3_600_000),
      ...overrides,
    }),
  );
}

export async function fakeMember(
  db: Database,
  team: Team,
  overrides: Partial<Member> & { person?: Person } = {},
): Promise<Member> {
  const person = overrides.person ?? (await fakePerson(db));
  return db.manager.save(
    db.manager.create(Member, {
      teamId: team.id,
      personId: person.id,
      role: MemberRole.MEMBER,
      affiliation: Affiliation.RESIDENT,
      standingDeputy: false,
      joinedOn: '2025-01-15',
      leftOn: null,
      ...overrides,
    }),
  );
}

/** A team with a leader and `members` more members. */
export async function fakeTeam(
  db: Database,
  unit: AdministrativeUnit,
  { members = 0, ...overrides }: Partial<Team> & { members?: number } = {},
): Promise<{ team: Team; leader: Member; members: Member[] }> {
  const team = await db.manager.save(
    db.manager.create(Team, {
      unitCode: unit.code,
      provinceCode: provinceOf(unit.path),
      name: `Tổ công nghệ số ${next()}`,
      decisionNumber: '01/QĐ-UBND',
      decisionDate: '2025-01-10',
      status: TeamStatus.ACTIVE,
      ...overrides,
    }),
  );
  // Counted in the roll-ups' team counts as the resolvers count it (no transaction: tests make teams concurrently).
  await recountTeam(db, db.manager, null, team);
  const leader = await fakeMember(db, team, { role: MemberRole.LEADER });
  const rest: Member[] = [];
  for (let i = 0; i < members; i += 1) rest.push(await fakeMember(db, team));
  return { team, leader, members: rest };
}

/** Province > district > commune > two villages (three-tier, before 2025), and a second district. */
export async function fakeThreeTierTree(db: Database) {
  const province = await fakeUnit(db, { level: UnitLevel.PROVINCE, name: 'Tỉnh Ba Cấp' });
  const district = await fakeUnit(db, { parent: province, level: UnitLevel.DISTRICT, name: 'Huyện Một' });
  const otherDistrict = await fakeUnit(db, { parent: province, level: UnitLevel.DISTRICT, name: 'Huyện Hai' });
  const commune = await fakeUnit(db, { parent: district, level: UnitLevel.COMMUNE, name: 'Xã Ba' });
  const otherCommune = await fakeUnit(db, { parent: otherDistrict, level: UnitLevel.COMMUNE, name: 'Xã Bốn' });
  const village = await fakeUnit(db, { parent: commune, level: UnitLevel.VILLAGE, name: 'Thôn Ba' });
  const otherVillage = await fakeUnit(db, { parent: commune, level: UnitLevel.VILLAGE, name: 'Thôn Bốn' });
  return { province, district, otherDistrict, commune, otherCommune, village, otherVillage };
}

/** A team's report of a month, with the roll-up totals kept as the service keeps them. */
export async function fakeReport(
  db: Database,
  team: Team,
  month: string,
  figures: Partial<Figures> = {},
): Promise<ActivityReport> {
  const unit = await db.manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode });
  const all = Object.assign(noFigures(), figures);
  return db.transaction((manager) =>
    storeReport(db, manager, { existing: null, teamId: team.id, unit, month, figures: all, note: null, reason: null, by: 'factory' }),
  );
}

/** A campaign of a unit over 1–10 October 2025, with two places per province unless told otherwise. */
export function fakeCampaign(db: Database, unit: AdministrativeUnit, overrides: Partial<EmulationCampaign> = {}): Promise<EmulationCampaign> {
  return db.manager.save(
    db.manager.create(EmulationCampaign, {
      unitCode: unit.code,
      unitPath: unit.path,
      title: `Chiến dịch đi từng ngõ, gõ từng nhà ${next()}`,
      startsOn: '2025-10-01',
      endsOn: '2025-10-10',
      criteriaText: 'Số người dân được hướng dẫn\nSố hộ gia đình được đến tận nhà',
      nominationsPerProvince: 2,
      createdBy: 'factory',
      ...overrides,
    }),
  );
}

/** A member's nomination under a campaign, at a place of their province. */
export async function fakeNomination(db: Database, campaign: EmulationCampaign, member: Member, overrides: Partial<Nomination> = {}): Promise<Nomination> {
  const team = await db.manager.findOneByOrFail(Team, { id: member.teamId });
  const unit = await db.manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode });
  return db.manager.save(
    db.manager.create(Nomination, {
      campaignId: campaign.id,
      memberId: member.id,
      provinceCode: unit.path.split('/')[1],
      place: 1,
      unitPath: unit.path,
      birthYear: 1995,
      occupation: 'Đoàn viên thanh niên',
      achievements: 'Hướng dẫn 120 người dân cài đặt VNeID',
      residentsGuided: 120,
      householdVisits: 40,
      trainingsAttended: 2,
      nominatedBy: 'factory',
      ...overrides,
    }),
  );
}

/** A reward a unit proposed (for a business unless told otherwise), waiting for the unit above. */
export function fakeProposal(db: Database, unit: AdministrativeUnit, overrides: Partial<RewardProposal> = {}): Promise<RewardProposal> {
  return db.manager.save(
    db.manager.create(RewardProposal, {
      campaignId: null,
      unitCode: unit.code,
      unitPath: unit.path,
      nomineeKind: NomineeKind.BUSINESS,
      fullName: `Hợp tác xã ${next()}`,
      memberId: null,
      rewardTitle: 'Giấy khen của Chủ tịch UBND xã',
      achievements: 'Đưa 30 sản phẩm OCOP lên sàn thương mại điện tử',
      status: ProposalStatus.PROPOSED,
      proposedBy: 'someone-else',
      decidedBy: null,
      decidedOn: null,
      decisionReason: null,
      ...overrides,
    }),
  );
}
