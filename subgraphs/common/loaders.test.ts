import DataLoader from 'dataloader';
import { In, IsNull } from 'typeorm';
import { NATION_CODE } from './auth';
import type { Database } from './database';
import { byKey, groupedByKey, LoaderRegistry, rowsById, rowsOf, rowsWhereIn, rowWhere, selection, type LoaderFactory } from './loaders';
import { onMysql } from './testing/on-mysql';
import { createTestSubgraph, type TestSubgraph } from './testing/subgraph';
import { teams } from '../teams';
import { ActivityReport, ActivityReportRevision, AdministrativeUnit, Member, Person, Team } from '../teams/entities';
import { fakeReport, fakeTeam, fakeTwoTierTree } from '../teams/testing/factories';

interface Row {
  id: string;
  teamId: string;
}

const rows: Row[] = [
  { id: 'm1', teamId: 'b' },
  { id: 'm2', teamId: 'a' },
  { id: 'm3', teamId: 'b' },
];

describe('byKey', () => {
  it('returns rows in the order of the keys, undefined where no row matched', () => {
    expect(byKey(['m3', 'missing', 'm1'], rows, (row) => row.id)).toEqual([rows[2], undefined, rows[0]]);
  });

  it('answers a key asked for twice twice', () => {
    expect(byKey(['m2', 'm2'], rows, (row) => row.id)).toEqual([rows[1], rows[1]]);
  });
});

describe('groupedByKey', () => {
  it('groups rows under the keys in key order, [] where no row matched', () => {
    expect(groupedByKey(['b', 'none', 'a'], rows, (row) => row.teamId)).toEqual([
      [rows[0], rows[2]],
      [],
      [rows[1]],
    ]);
  });

  it('ignores rows whose key was not asked for', () => {
    expect(groupedByKey(['a'], rows, (row) => row.teamId)).toEqual([[rows[1]]]);
  });
});

describe('LoaderRegistry', () => {
  const db = {} as Database;
  const squares: LoaderFactory<number, number> = () =>
    new DataLoader<number, number>(async (keys) => keys.map((key) => key * key));
  const doubles: LoaderFactory<number, number> = () =>
    new DataLoader<number, number>(async (keys) => keys.map((key) => key * 2));

  it('gives the same loader for the same factory within one registry', () => {
    const registry = new LoaderRegistry(db);
    expect(registry.get(squares)).toBe(registry.get(squares));
  });

  it('gives different loaders for different factories', async () => {
    const registry = new LoaderRegistry(db);
    expect(registry.get(squares)).not.toBe(registry.get(doubles));
    expect(await registry.get(doubles).load(3)).toBe(6);
  });

  it('gives a new loader (and so a new cache) to a new registry', () => {
    expect(new LoaderRegistry(db).get(squares)).not.toBe(new LoaderRegistry(db).get(squares));
  });

  it('passes its database to the factory', () => {
    const factory = jest.fn(squares);
    new LoaderRegistry(db).get(factory);
    expect(factory).toHaveBeenCalledWith(db);
  });
});

/** Loaders and writes read their rows with SQL of their own (rowsWhereIn, rowWhere): they must give what TypeORM's `find` gives. */
describe('rowsById, rowsOf, rowsWhereIn, rowWhere and selection, on the database', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(teams);
  });
  afterAll(() => subgraph.close());

  it('hydrate rows as TypeORM does: sealed phones opened, dates, enums, nulls, embedded figures', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team, leader, members } = await fakeTeam(subgraph.db, tree.village, { members: 2 });
    const report = await fakeReport(subgraph.db, team, '2025-07', { guidedOnlinePayment: 12 });
    const { manager } = subgraph.db;
    const ids = [leader, ...members].map((member) => member.personId);

    const people = await rowsById(Person)(subgraph.db).loadMany([...ids, 'no-such-person']);
    expect(people).toStrictEqual([...(await manager.findBy(Person, { id: In(ids) })).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)), undefined]);
    expect((people[0] as Person).phone).toMatch(/^09\d{8}$/);
    expect(await rowsById(Team)(subgraph.db).load(team.id)).toStrictEqual(await manager.findOneBy(Team, { id: team.id }));
    expect(await rowsById(Member)(subgraph.db).load(leader.id)).toStrictEqual(await manager.findOneBy(Member, { id: leader.id }));
    const [revision] = await rowsOf(ActivityReportRevision, 'reportId')(subgraph.db).load(report.id);
    expect(revision).toStrictEqual(await manager.findOneBy(ActivityReportRevision, { reportId: report.id }));
    expect(revision.figures.guidedOnlinePayment).toBe(12);
  });

  it('read only the columns asked for, and the id', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { leader } = await fakeTeam(subgraph.db, tree.village);
    const name = await rowsById(Person, ['fullName'])(subgraph.db).load(leader.personId);
    expect(name).toStrictEqual(await subgraph.db.manager.findOne(Person, { where: { id: leader.personId }, select: { id: true, fullName: true } }));
    expect(name).toMatchObject({ id: leader.personId, fullName: expect.stringMatching(/^Nguyễn Văn/) });
    const { phone, phoneHash, address, createdAt } = name as Person;
    expect([phone, phoneHash, address, createdAt]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('give each key its rows in the order asked, [] where none', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const first = await fakeTeam(subgraph.db, tree.village, { members: 3 });
    const second = await fakeTeam(subgraph.db, tree.otherVillage, { members: 1 });
    const byPerson = rowsOf(Member, 'teamId', { personId: 'DESC' });
    const [ofFirst, ofNone, ofSecond] = await byPerson(subgraph.db).loadMany([first.team.id, 'no-such-team', second.team.id]);
    const expected = (team: Team) => subgraph.db.manager.find(Member, { where: { teamId: team.id }, order: { personId: 'DESC' } });
    expect(ofFirst).toStrictEqual(await expected(first.team));
    expect(ofFirst).toHaveLength(4);
    expect(ofNone).toEqual([]);
    expect(ofSecond).toStrictEqual(await expected(second.team));
  });

  it('leave out the rows whose unset columns have a value', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team, members } = await fakeTeam(subgraph.db, tree.village, { members: 2 });
    await subgraph.db.manager.update(Member, { id: members[0].id }, { leftOn: '2025-06-30' });
    const stayed = await rowsWhereIn(subgraph.db, Member, 'teamId', [team.id], { unset: ['leftOn'], order: { personId: 'ASC' } });
    expect(stayed).toStrictEqual(await subgraph.db.manager.find(Member, { where: { teamId: team.id, leftOn: IsNull() }, order: { personId: 'ASC' } }));
    expect(stayed).toHaveLength(2);
    expect(stayed.map((member) => member.id)).not.toContain(members[0].id);
  });

  it('rowWhere: the row whose columns equal those given, as findOneBy reads it; undefined where none', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    await fakeReport(subgraph.db, team, '2025-06', { householdVisits: 4 });
    await fakeReport(subgraph.db, team, '2025-07', { guidedOnlinePayment: 12 });
    const { manager } = subgraph.db;
    const july = await rowWhere(manager, ActivityReport, { teamId: team.id, month: '2025-07' });
    expect(july).toStrictEqual(await manager.findOneBy(ActivityReport, { teamId: team.id, month: '2025-07' }));
    expect(july?.figures.guidedOnlinePayment).toBe(12);
    expect(await rowWhere(manager, AdministrativeUnit, { code: tree.village.code })).toStrictEqual(await manager.findOneBy(AdministrativeUnit, { code: tree.village.code }));
    expect(await rowWhere(manager, ActivityReport, { teamId: team.id, month: '2025-08' })).toBeUndefined();
  });

  onMysql('rowWhere forUpdate: the row stays locked until the transaction ends', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const lockedElsewhere = () => subgraph.db.transaction((other) => other.query('SELECT id FROM team WHERE id = ? FOR UPDATE NOWAIT', [team.id]));
    await subgraph.db.transaction(async (manager) => {
      expect(await rowWhere(manager, Team, { id: team.id }, { forUpdate: true })).toMatchObject({ id: team.id, name: team.name });
      await expect(lockedElsewhere()).rejects.toThrow(/lock/i);
    });
    await expect(lockedElsewhere()).resolves.toHaveLength(1);
  });

  it('selection, in a SELECT written by hand: hydrates each joined entity as find does, under its alias: sealed phones opened, dates', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { leader } = await fakeTeam(subgraph.db, tree.village);
    const member = selection(subgraph.db, Member, 'member');
    const person = selection(subgraph.db, Person, 'person', ['fullName', 'phone']);
    const rows: Record<string, unknown>[] = await subgraph.db.manager.query(
      `SELECT ${member.columns}, ${person.columns} FROM ${member.table} JOIN ${person.table} ON ${person.column('id')} = ${member.column('personId')} WHERE ${member.column('id')} = ?`,
      [leader.id],
    );
    expect(rows).toHaveLength(1);
    expect(member.hydrate(rows[0])).toStrictEqual(await subgraph.db.manager.findOneBy(Member, { id: leader.id }));
    const read = person.hydrate(rows[0]);
    expect(read).toStrictEqual(await subgraph.db.manager.findOne(Person, { where: { id: leader.personId }, select: { id: true, fullName: true, phone: true } }));
    expect(read?.phone).toMatch(/^09\d{8}$/);
  });

  it('selection: worked out once for the same entity, alias and columns on one database', () => {
    const unit = selection(subgraph.db, AdministrativeUnit, 'unit', ['name']);
    expect(selection(subgraph.db, AdministrativeUnit, 'unit', ['name'])).toBe(unit);
    expect(selection(subgraph.db, AdministrativeUnit, 'unit')).not.toBe(unit);
    expect(selection(subgraph.db, AdministrativeUnit, 'parent', ['name'])).not.toBe(unit);
  });

  it('selection: gives undefined where an outer join found no row', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const unit = selection(subgraph.db, AdministrativeUnit, 'unit');
    const parent = selection(subgraph.db, AdministrativeUnit, 'parent', ['name']);
    const rows: Record<string, unknown>[] = await subgraph.db.manager.query(
      `SELECT ${unit.columns}, ${parent.columns} FROM ${unit.table} LEFT JOIN ${parent.table} ON ${parent.column('code')} = ${unit.column('parentCode')}` +
        ` WHERE ${unit.column('code')} IN (?, ?) ORDER BY ${unit.column('level')}`,
      [NATION_CODE, tree.commune.code],
    );
    const [commune, nation] = rows.map((row) => ({ unit: unit.hydrate(row), parent: parent.hydrate(row) }));
    expect(commune.unit).toStrictEqual(await subgraph.db.manager.findOneBy(AdministrativeUnit, { code: tree.commune.code }));
    expect(commune.parent).toStrictEqual(await subgraph.db.manager.findOne(AdministrativeUnit, { where: { code: tree.province.code }, select: { code: true, name: true } }));
    expect(nation.unit?.code).toBe(NATION_CODE);
    expect(nation.parent).toBeUndefined();
  });
});
