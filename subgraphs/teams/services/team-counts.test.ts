import { randomUUID } from 'node:crypto';
import type { MigrationInterface } from 'typeorm';
import { Role } from '../../common/auth';
import { Database } from '../../common/database';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { AdministrativeUnit, Team, TeamStatus, UnitTeamCount } from '../entities';
import { fakeThreeTierTree, fakeTwoTierTree, fakeUnit } from '../testing/factories';
import { totalledAt } from './reports';
import { OWES_EVERY_MONTH, owedFrom } from './team-counts';

const admin = { sub: 'admin', roles: [Role.ADMIN] };

/** What unit_team_count should hold, counted from the teams themselves (`unit|month` → active teams). */
async function recountedFromTeams(db: Database): Promise<Record<string, number>> {
  const units = new Map((await db.manager.find(AdministrativeUnit)).map((unit) => [unit.code, unit]));
  const expected: Record<string, number> = {};
  for (const team of await db.manager.findBy(Team, { status: TeamStatus.ACTIVE })) {
    for (const code of totalledAt(units.get(team.unitCode)!)) expected[`${code}|${owedFrom(team)}`] = (expected[`${code}|${owedFrom(team)}`] ?? 0) + 1;
  }
  return expected;
}

async function stored(db: Database): Promise<Record<string, number>> {
  const rows = await db.manager.find(UnitTeamCount);
  return Object.fromEntries(rows.filter((row) => row.teams !== 0).map((row) => [`${row.unitCode}|${row.owedFrom}`, row.teams]));
}

describe('the team counts behind roll-ups', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(teams);
  });
  afterAll(() => subgraph.close());

  let serial = 0;
  async function createTeam(unit: AdministrativeUnit, decisionDate: string | null): Promise<string> {
    serial += 1;
    const result = await subgraph.execute<{ createTeam: { id: string } }>('mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }', {
      as: admin,
      variables: {
        input: {
          unitCode: unit.code,
          name: `Tổ công nghệ số ${serial}`,
          decisionDate,
          leader: { fullName: `Hoàng Văn ${serial}`, phone: `0935${String(serial).padStart(6, '0')}`, affiliation: 'RESIDENT' },
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createTeam.id;
  }
  async function updateTeam(id: string, input: Partial<Pick<Team, 'status' | 'decisionDate' | 'name'>>): Promise<void> {
    const result = await subgraph.execute('mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }', {
      as: admin,
      variables: { id, input },
    });
    expect(result.errors).toBeUndefined();
  }

  it.each([
    ['two-tier', fakeTwoTierTree],
    ['three-tier', fakeThreeTierTree],
  ])('equal a recomputation from the teams after creating, suspending, dissolving and re-dating teams (%s tree)', async (_, tree) => {
    const { commune, village, otherVillage } = await tree(subgraph.db);
    const villageTeam = await createTeam(village, '2025-03-02');
    const otherVillageTeam = await createTeam(otherVillage, '2025-03-20');
    const communeTeam = await createTeam(commune, null);
    const later = await createTeam(village, '2025-06-01');
    expect(await stored(subgraph.db)).toEqual(await recountedFromTeams(subgraph.db));

    await updateTeam(villageTeam, { status: TeamStatus.SUSPENDED });
    await updateTeam(otherVillageTeam, { status: TeamStatus.DISSOLVED });
    await updateTeam(communeTeam, { decisionDate: '2025-02-01' });
    await updateTeam(later, { name: 'Tổ công nghệ số thôn Một (mới)' }); // counts nothing new
    expect(await stored(subgraph.db)).toEqual(await recountedFromTeams(subgraph.db));

    await updateTeam(villageTeam, { status: TeamStatus.ACTIVE });
    await updateTeam(otherVillageTeam, { status: TeamStatus.SUSPENDED }); // dissolved to suspended: still not counted
    expect(await stored(subgraph.db)).toEqual(await recountedFromTeams(subgraph.db));
  });

  it('equal a recomputation after teams are set up and suspended at once under one commune', async () => {
    const { commune } = await fakeTwoTierTree(subgraph.db);
    const villages = await Promise.all(Array.from({ length: 12 }, (_, index) => fakeUnit(subgraph.db, { parent: commune, level: 'VILLAGE' as never, name: `Bản ${index}` })));
    const created = await Promise.all(villages.map((village, index) => createTeam(village, `2025-0${(index % 3) + 1}-15`)));
    await Promise.all(created.slice(0, 3).map((id) => updateTeam(id, { status: TeamStatus.SUSPENDED })));
    expect(await stored(subgraph.db)).toEqual(await recountedFromTeams(subgraph.db));
  });

  it('make a roll-up’s team count and missing reports', async () => {
    const province = await fakeUnit(subgraph.db, { name: 'Tỉnh Đếm' });
    const commune = await fakeUnit(subgraph.db, { parent: province, level: 'COMMUNE' as never });
    const village = await fakeUnit(subgraph.db, { parent: commune, level: 'VILLAGE' as never });
    await createTeam(village, '2025-02-10'); // owes February and March
    await createTeam(commune, null); // owes all three months
    await updateTeam(await createTeam(village, '2025-01-05'), { status: TeamStatus.DISSOLVED }); // owes nothing
    const result = await subgraph.execute<{ unitRollUp: { teamCount: number; missingReports: number; ranking: { teamCount: number }[] } }>(
      'query ($code: String!) { unitRollUp(unitCode: $code, period: "2025-Q1") { teamCount missingReports ranking(by: MEETINGS_HELD) { rollUp { teamCount } } } }',
      { as: admin, variables: { code: province.code } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.unitRollUp).toEqual({ teamCount: 2, missingReports: 5, ranking: [{ rollUp: { teamCount: 2 } }] });
  });
});

describe('the migration that adds the team counts', () => {
  it('counts the teams there already are', async () => {
    const at = teams.migrations.findIndex((migration) => migration.name === 'UnitTeamCounts1796164586381');
    const added = teams.migrations[at];
    const db = await Database.open({ url: await freshTestDatabaseUrl('teams_team_counts'), entities: teams.entities, migrations: teams.migrations.slice(0, at) });
    try {
      await db.migrate();
      // The factories put provinces under the nation, which a later migration adds: here they stand as before it, with no parent.
      await db.manager.query("INSERT INTO administrative_unit (code, name, level, parentCode, path) VALUES ('VN', 'Toàn quốc', 'NATION', NULL, '/')");
      const two = await fakeTwoTierTree(db);
      const three = await fakeThreeTierTree(db);
      await db.manager.query("UPDATE administrative_unit SET parentCode = NULL WHERE parentCode = 'VN'");
      await db.manager.query("DELETE FROM administrative_unit WHERE code = 'VN'");
      const rows: Partial<Team>[] = [
        { unitCode: two.village.code, decisionDate: '2025-03-02' },
        { unitCode: two.village.code, decisionDate: '2025-03-28' },
        { unitCode: two.commune.code, decisionDate: null },
        { unitCode: three.village.code, decisionDate: '2024-11-11' },
        { unitCode: three.district.code, decisionDate: '2024-05-01' },
        { unitCode: three.otherVillage.code, decisionDate: '2024-05-01', status: TeamStatus.DISSOLVED },
      ];
      // Straight into the table, as teams were written before the counts existed (in SQL: the entity has columns added since).
      for (const [index, row] of rows.entries()) {
        await db.manager.query('INSERT INTO team (id, unitCode, name, decisionDate, status) VALUES (?, ?, ?, ?, ?)', [
          randomUUID(),
          row.unitCode,
          `Tổ cũ ${index}`,
          row.decisionDate,
          row.status ?? TeamStatus.ACTIVE,
        ]);
      }
      const runner = db.dataSource.createQueryRunner();
      try {
        await new (added as new () => MigrationInterface)().up(runner);
        // The later migrations too, so that the teams read back through today's entity for the recount.
        for (const later of teams.migrations.slice(at + 1)) await new (later as new () => MigrationInterface)().up(runner);
      } finally {
        await runner.release();
      }
      const counts = await stored(db);
      expect(counts).toEqual(await recountedFromTeams(db));
      expect(counts).toMatchObject({ [`VN|${OWES_EVERY_MONTH}`]: 1, 'VN|2025-03': 2, [`${three.province.code}|2024-11`]: 1 });
    } finally {
      await db.close();
    }
  });
});
