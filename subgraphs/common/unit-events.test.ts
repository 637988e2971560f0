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
    const atCommune = await fakeSponsor(db, placeOf(tree.commune));
    const atVillage = await fakeProgramme(db, placeOf(tree.village));
    const atDistrict = await fakeSponsor(db, placeOf(tree.otherDistrict));
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

    const source = [{ name: 'teams', db: teamsSubgraph.db }];
    expect(await deliverEvents(source, { db, consumers: ['resources-unit-paths'] })).toBe(5);
    const successor = `/${tree.province.code}/${tree.otherCommune.code}/`;
    expect((await db.manager.findOneByOrFail(Sponsor, { id: atCommune.id })).unitPath).toBe(successor);
    expect((await db.manager.findOneByOrFail(Programme, { id: atVillage.id })).unitPath).toBe(`${successor}${tree.village.code}/`);
    expect((await db.manager.findOneByOrFail(Sponsor, { id: atDistrict.id })).unitPath).toBe(`/${tree.province.code}/`);
    expect(await deliverEvents(source, { db, consumers: ['resources-unit-paths'] })).toBe(0);
  } finally {
    await teamsSubgraph.close();
  }
});

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
