import { events } from '../events';
import { fakeEvent, fakeTree as fakeEventsTree } from '../events/testing/factories';
import { Event } from '../events/entities';
import { partners } from '../partners';
import { Onboarding, Training } from '../partners/entities';
import { fakeOnboarding, fakePartner, fakeTraining, fakeTree as fakePartnersTree } from '../partners/testing/factories';
import { resources } from '../resources';
import { Programme, Sponsor } from '../resources/entities';
import { fakeProgramme, fakeSponsor, fakeTree as fakeResourcesTree } from '../resources/testing/factories';
import { Role } from './auth';
import { teams } from '../teams';
import { fakeThreeTierTree } from '../teams/testing/factories';
import { Database } from './database';
import { deliverEvents, eventsInOutbox } from './testing/events';
import { createTestSubgraph } from './testing/subgraph';
import type { SubgraphDefinition } from './server';
import { freshTestDatabaseUrl } from './testing/database';
import { followUnitEvent, UNIT_EVENTS, unitPathColumns, type UnitMerged, type UnitMoved } from './unit-events';

const databases: Database[] = [];
async function databaseOf(definition: SubgraphDefinition): Promise<Database> {
  const db = await Database.open({ url: await freshTestDatabaseUrl(`${definition.name}_unit_events`), entities: definition.entities, migrations: definition.migrations });
  await db.migrate();
  databases.push(db);
  return db;
}
afterAll(() => Promise.all(databases.map((db) => db.close())));

/** Delivers an event as the outbox does: in a transaction of the consuming subgraph. */
const deliver = (db: Database, type: string, payload: UnitMoved | UnitMerged) => db.transaction((manager) => followUnitEvent({ type, payload }, manager));

it('finds every stored unit path of a subgraph by the kit’s naming convention', async () => {
  const db = await databaseOf(partners);
  expect(unitPathColumns(db.manager).map(({ table, column }) => `${table}.${column}`).sort()).toEqual(
    expect.arrayContaining(['attendance.teamUnitPath', 'audit_entry.unitPath', 'offer_unit.unitPath', 'onboarding.teamUnitPath', 'partner_unit.unitPath', 'training.unitPath']),
  );
});

it('resources: a merged commune’s sponsors and its village’s programmes follow it, once however often the event comes', async () => {
  const db = await databaseOf(resources);
  const { commune, otherCommune, village } = fakeResourcesTree();
  const sponsor = await fakeSponsor(db, commune);
  const programme = await fakeProgramme(db, village);
  const elsewhere = await fakeSponsor(db, otherCommune);
  const merged: UnitMerged = { code: commune.unitCode, intoCode: otherCommune.unitCode, formerPath: commune.unitPath, path: otherCommune.unitPath };
  await deliver(db, UNIT_EVENTS.merged, merged);
  await deliver(db, UNIT_EVENTS.merged, merged);
  expect((await db.manager.findOneByOrFail(Sponsor, { id: sponsor.id })).unitPath).toBe(otherCommune.unitPath);
  expect((await db.manager.findOneByOrFail(Programme, { id: programme.id })).unitPath).toBe(`${otherCommune.unitPath}${village.unitCode}/`);
  expect((await db.manager.findOneByOrFail(Sponsor, { id: elsewhere.id })).unitPath).toBe(otherCommune.unitPath);
});

it('partners: trainings and onboardings under a moved village follow it; others stay', async () => {
  const db = await databaseOf(partners);
  const tree = fakePartnersTree();
  const { partner, wallet } = await fakePartner(db);
  const training = await fakeTraining(db, partner, tree.village);
  const onboarding = await fakeOnboarding(db, wallet, tree.villageTeam);
  const untouched = await fakeOnboarding(db, wallet, tree.communeTeam);
  const path = `${tree.otherCommune.unitPath}${tree.village.unitCode}/`;
  await deliver(db, UNIT_EVENTS.moved, { code: tree.village.unitCode, parentCode: tree.otherCommune.unitCode, formerParentCode: tree.commune.unitCode, formerPath: tree.village.unitPath, path });
  expect((await db.manager.findOneByOrFail(Training, { id: training.id })).unitPath).toBe(path);
  expect((await db.manager.findOneByOrFail(Onboarding, { id: onboarding.id })).teamUnitPath).toBe(path);
  expect((await db.manager.findOneByOrFail(Onboarding, { id: untouched.id })).teamUnitPath).toBe(tree.commune.unitPath);
});

it('events: a dissolved district’s events go to its province, its communes’ under their own codes', async () => {
  const db = await databaseOf(events);
  const tree = fakeEventsTree();
  const district = { unitCode: 'D1', unitPath: `${tree.province.unitPath}D1/` };
  const commune = { unitCode: 'C1', unitPath: `${district.unitPath}C1/` };
  const atDistrict = await fakeEvent(db, district);
  const atCommune = await fakeEvent(db, commune);
  // As teams records a dissolution: each commune moved up, then the district merged into the province.
  await deliver(db, UNIT_EVENTS.moved, { code: 'C1', parentCode: tree.province.unitCode, formerParentCode: 'D1', formerPath: commune.unitPath, path: `${tree.province.unitPath}C1/` });
  await deliver(db, UNIT_EVENTS.merged, { code: 'D1', intoCode: tree.province.unitCode, formerPath: district.unitPath, path: tree.province.unitPath });
  expect((await db.manager.findOneByOrFail(Event, { id: atCommune.id })).unitPath).toBe(`${tree.province.unitPath}C1/`);
  expect((await db.manager.findOneByOrFail(Event, { id: atDistrict.id })).unitPath).toBe(tree.province.unitPath);
});

it('teams records the 2025 reform as unit events in its outbox; resources follows them, and a redelivery changes nothing', async () => {
  const teamsSubgraph = await createTestSubgraph(teams);
  try {
    const tree = await fakeThreeTierTree(teamsSubgraph.db);
    const db = await databaseOf(resources);
    const placeOf = (unit: { code: string; path: string }) => ({ unitCode: unit.code, unitPath: unit.path });
    /** A sponsor of the commune, a programme of its village and a sponsor of the other district. */
    const placed = async (database: Database) => ({
      commune: await fakeSponsor(database, placeOf(tree.commune)),
      village: await fakeProgramme(database, placeOf(tree.village)),
      district: await fakeSponsor(database, placeOf(tree.otherDistrict)),
    });
    const pathsOf = async (database: Database, rows: Awaited<ReturnType<typeof placed>>) => ({
      commune: (await database.manager.findOneByOrFail(Sponsor, { id: rows.commune.id })).unitPath,
      village: (await database.manager.findOneByOrFail(Programme, { id: rows.village.id })).unitPath,
      district: (await database.manager.findOneByOrFail(Sponsor, { id: rows.district.id })).unitPath,
    });
    const rows = await placed(db);
    const admin = { sub: 'admin', roles: [Role.ADMIN] };
    const dissolved = await teamsSubgraph.execute(
      /* GraphQL */ `mutation ($input: DissolveLevelInput!) { dissolveAdministrativeLevel(input: $input) { code } }`,
      { as: admin, variables: { input: { underCode: tree.province.code, level: 'DISTRICT' } } },
    );
    expect(dissolved.errors).toBeUndefined();
    const merged = await teamsSubgraph.execute(
      /* GraphQL */ `mutation ($input: MergeUnitsInput!) { mergeAdministrativeUnits(input: $input) { code } }`,
      { as: admin, variables: { input: { code: tree.commune.code, intoCode: tree.otherCommune.code } } },
    );
    expect(merged.errors).toBeUndefined();
    const recorded = await eventsInOutbox({ name: 'teams', db: teamsSubgraph.db });
    expect(recorded.map((event) => `${event.type} ${event.subject}`)).toEqual([
      `unit.moved ${tree.commune.code}`,
      `unit.merged ${tree.district.code}`,
      `unit.moved ${tree.otherCommune.code}`,
      `unit.merged ${tree.otherDistrict.code}`,
      `unit.merged ${tree.commune.code}`,
    ]);

    // Numbered with the tree's revision, in the order they were made.
    expect(recorded.map((event) => (event.payload as UnitMoved | UnitMerged).revision)).toEqual([1, 2, 3, 4, 5]);

    const source = [{ name: 'teams', db: teamsSubgraph.db }];
    expect(await deliverEvents(source, { db, consumers: ['resources-unit-paths'] })).toBe(5);
    const successor = `/${tree.province.code}/${tree.otherCommune.code}/`;
    const expected = { commune: successor, village: `${successor}${tree.village.code}/`, district: `/${tree.province.code}/` };
    expect(await pathsOf(db, rows)).toEqual(expected);
    expect(await deliverEvents(source, { db, consumers: ['resources-unit-paths'] })).toBe(0);

    // The same events delivered backwards, to another subgraph's copy of the rows, end the same.
    const backwards = await databaseOf(resources);
    const backwardsRows = await placed(backwards);
    for (const event of [...recorded].reverse()) await backwards.transaction((manager) => followUnitEvent(event, manager));
    expect(await pathsOf(backwards, backwardsRows)).toEqual(expected);
  } finally {
    await teamsSubgraph.close();
  }
  // Two resources databases migrated: long on MariaDB.
}, 120_000);

it('a token with a merged commune’s code still reaches what that commune’s area holds, in another subgraph, and no more', async () => {
  const tree = fakeResourcesTree();
  const successor = tree.units.addUnit('K-successor', tree.province, 'Xã Sau Sáp Nhập');
  tree.units.addAlias(tree.otherCommune.unitCode, successor);
  const subgraph = await createTestSubgraph(resources, tree.units);
  try {
    await fakeSponsor(subgraph.db, successor, { name: 'Bưu điện huyện' });
    const SPONSORS = /* GraphQL */ `query ($unitCode: String!) { sponsors(unitCode: $unitCode) { nodes { name } } }`;
    const oldToken = { sub: 'officer-before-2025', roles: [Role.OFFICER], units: [tree.otherCommune.unitCode] };
    const seen = await subgraph.execute(SPONSORS, { as: oldToken, variables: { unitCode: successor.unitCode } });
    expect(seen.data?.sponsors.nodes).toEqual([{ name: 'Bưu điện huyện' }]);
    const elsewhere = await subgraph.execute(SPONSORS, { as: oldToken, variables: { unitCode: tree.commune.unitCode } });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  } finally {
    await subgraph.close();
  }
});

describe('unit events out of order', () => {
  /** A unit event with the tree's revision, as teams numbers them. */
  const moved = (unit: { unitCode: string; unitPath: string }, parentPath: string, revision: number): UnitMoved => ({
    code: unit.unitCode,
    parentCode: parentPath.split('/').at(-2)!,
    formerParentCode: null,
    formerPath: unit.unitPath,
    path: `${parentPath}${unit.unitCode}/`,
    revision,
  });

  it('a move that overtook the move before it, and that earlier move arriving late or again, leave the latest path', async () => {
    const db = await databaseOf(resources);
    const { province, otherCommune, village } = fakeResourcesTree();
    const programme = await fakeProgramme(db, village);
    const first = moved(village, otherCommune.unitPath, 1);
    const second = { ...moved(village, province.unitPath, 2), formerPath: first.path };
    await deliver(db, UNIT_EVENTS.moved, second);
    await deliver(db, UNIT_EVENTS.moved, first);
    await deliver(db, UNIT_EVENTS.moved, first);
    expect((await db.manager.findOneByOrFail(Programme, { id: programme.id })).unitPath).toBe(`${province.unitPath}${village.unitCode}/`);
  });

  it('a village moved into a commune that moved afterwards ends under the commune’s new path, whichever event comes first', async () => {
    const db = await databaseOf(resources);
    const { otherCommune, village } = fakeResourcesTree();
    const otherProvince = fakeResourcesTree().province;
    const atVillage = await fakeProgramme(db, village);
    const atCommune = await fakeSponsor(db, otherCommune);
    const villageMoved = moved(village, otherCommune.unitPath, 1);
    const communeMoved = moved(otherCommune, otherProvince.unitPath, 2);
    await deliver(db, UNIT_EVENTS.moved, communeMoved);
    await deliver(db, UNIT_EVENTS.moved, villageMoved);
    expect((await db.manager.findOneByOrFail(Programme, { id: atVillage.id })).unitPath).toBe(`${communeMoved.path}${village.unitCode}/`);
    expect((await db.manager.findOneByOrFail(Sponsor, { id: atCommune.id })).unitPath).toBe(communeMoved.path);
  });

  it('a move into a commune merged afterwards, arriving after the merge, follows the commune into its successor', async () => {
    const db = await databaseOf(resources);
    const { commune, otherCommune, village } = fakeResourcesTree();
    // The village starts under the other commune here, moves to the first, which then merges into the other.
    const before = { unitCode: village.unitCode, unitPath: `${otherCommune.unitPath}${village.unitCode}/` };
    const programme = await fakeProgramme(db, before);
    const sponsor = await fakeSponsor(db, commune);
    const villageMoved = moved(before, commune.unitPath, 1);
    const merged: UnitMerged = { code: commune.unitCode, intoCode: otherCommune.unitCode, formerPath: commune.unitPath, path: otherCommune.unitPath, revision: 2 };
    await deliver(db, UNIT_EVENTS.merged, merged);
    await deliver(db, UNIT_EVENTS.moved, villageMoved);
    expect((await db.manager.findOneByOrFail(Programme, { id: programme.id })).unitPath).toBe(before.unitPath);
    expect((await db.manager.findOneByOrFail(Sponsor, { id: sponsor.id })).unitPath).toBe(otherCommune.unitPath);
  });
});
