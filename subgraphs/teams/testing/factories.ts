import type { Database } from '../../common/database';
import { Affiliation, AdministrativeUnit, Member, MemberRole, Person, Team, TeamStatus, UnitLevel } from '../entities';

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
      parentCode: parent?.code ?? null,
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
      name: `Tổ công nghệ số ${next()}`,
      decisionNumber: '01/QĐ-UBND',
      decisionDate: '2025-01-10',
      status: TeamStatus.ACTIVE,
      ...overrides,
    }),
  );
  const leader = await fakeMember(db, team, { role: MemberRole.LEADER });
  const rest: Member[] = [];
  for (let i = 0; i < members; i += 1) rest.push(await fakeMember(db, team));
  return { team, leader, members: rest };
}
