import { Role } from './common/auth';
import { ConsentPurpose } from './common/consent';
import { Database } from './common/database';
import { subjectKeyOf } from './common/data-subject';
import { ProcessingRestriction } from './common/restriction';
import { fakeConsent } from './common/testing/consent';
import { freshTestDatabaseUrl } from './common/testing/database';
import { dataSubjectClaims } from './common/testing/data-subject';
import { deliverEvents } from './common/testing/events';
import { createTestSubgraph, type TestSubgraph } from './common/testing/subgraph';
import { events } from './events';
import { ApplicationStatus } from './events/entities';
import { eraseApplicationsOnRequest } from './events/erasure';
import { stallApproved } from './events/services/reminders';
import { fakeApplication, fakeCategory, fakeEvent, fakeTree as eventsTree } from './events/testing/factories';
import { teams } from './teams';
import { Person } from './teams/entities';
import { rosterRows } from './teams/services/imports/roster-export';
import { fakeMember, fakePerson, fakeTeam, fakeTwoTierTree } from './teams/testing/factories';

/**
 * A restriction (Law 91/2025/QH15) done by an officer stops the processing of the person's data in
 * every subgraph but keeps the data: no reminder to them, not in an exported roster; lifting it
 * (the person asks, an officer does it) restores both. Teams applies it in the decision's
 * transaction, the other subgraphs from `personal-data-request.done`.
 */

let subgraph: TestSubgraph;
let eventsDb: Database;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  eventsDb = await Database.open({ url: await freshTestDatabaseUrl('restriction_events'), entities: events.entities, migrations: events.migrations });
  await eventsDb.migrate();
}, 60_000);
afterAll(async () => {
  await subgraph.close();
  await eventsDb.close();
});

const FILE = 'mutation ($input: PersonalDataRequestInput!) { requestPersonalDataAction(input: $input) { id } }';
const HANDLE = 'mutation ($input: PersonalDataRequestOutcomeInput!) { handlePersonalDataRequest(input: $input) { status } }';
const officer = () => ({ sub: 'officer-xa-mot', roles: [Role.OFFICER], units: [tree.commune.code] });

/** The person files `kind`, an officer over the commune does it, and events takes the announcement. */
async function fileAndDo(phone: string, kind: string): Promise<void> {
  const filed = await subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind, unitCode: tree.commune.code } } });
  expect(filed.errors).toBeUndefined();
  const done = await subgraph.execute<any>(HANDLE, { as: officer(), variables: { input: { id: filed.data.requestPersonalDataAction.id, outcome: 'DONE', reason: 'Đã thực hiện' } } });
  expect(done.errors).toBeUndefined();
  expect(await deliverEvents([{ name: 'teams', db: subgraph.db }], { db: eventsDb, consumers: [eraseApplicationsOnRequest] })).toBeGreaterThanOrEqual(1);
}

it('stops reminders to the person and keeps them out of exported rosters, keeps their data, and lifting it restores both', async () => {
  const phone = '0912666001';
  const name = 'Hà Thị Mai';
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const person = await fakePerson(subgraph.db, { fullName: name, phone, address: 'Thôn Một' });
  await fakeMember(subgraph.db, team, { person });
  // Her household's stall was approved yesterday; so was another household's.
  const fair = await fakeEvent(eventsDb, eventsTree().commune);
  const { category, stalls } = await fakeCategory(eventsDb, fair, { capacity: 2 });
  const approved = { status: ApplicationStatus.APPROVED, decidedAt: new Date(Date.now() - 86_400_000) };
  const hers = await fakeApplication(eventsDb, category, { ...approved, contactName: name, contactPhone: phone, stallId: stalls[0].id });
  const other = await fakeApplication(eventsDb, category, { ...approved, stallId: stalls[1].id });
  for (const application of [hers, other]) await fakeConsent(eventsDb, application, ConsentPurpose.STALL_APPLICATION, application.contactPhone!);

  const remindedAbout = async () => (await stallApproved.due(eventsDb, new Date())).map((reminder) => reminder.recordId).filter((id) => id === hers.id || id === other.id).sort();
  const rosterNames = async () => (await rosterRows(subgraph.db, tree.commune)).map((row) => row[6]);
  expect(await remindedAbout()).toEqual([hers.id, other.id].sort());
  expect(await rosterNames()).toContain(name);

  await fileAndDo(phone, 'RESTRICTION');
  for (const db of [subgraph.db, eventsDb]) expect(await db.manager.countBy(ProcessingRestriction, { subjectKey: subjectKeyOf(phone) })).toBe(1);
  expect(await remindedAbout()).toEqual([other.id]);
  const names = await rosterNames();
  expect(names).not.toContain(name);
  expect(names.length).toBeGreaterThan(0); // the rest of the roster is still there
  // The data is kept, as it was.
  expect(await subgraph.db.manager.findOneByOrFail(Person, { id: person.id })).toMatchObject({ fullName: name, phone, address: 'Thôn Một' });

  await fileAndDo(phone, 'LIFT_RESTRICTION');
  for (const db of [subgraph.db, eventsDb]) expect(await db.manager.countBy(ProcessingRestriction, { subjectKey: subjectKeyOf(phone) })).toBe(0);
  expect(await remindedAbout()).toEqual([hers.id, other.id].sort());
  expect(await rosterNames()).toContain(name);
}, 60_000);

it('restricts once when the announcement comes twice (a redelivery, or teams and a consumer both acting)', async () => {
  const phone = '0912666002';
  await fileAndDo(phone, 'RESTRICTION');
  await fileAndDo(phone, 'RESTRICTION');
  for (const db of [subgraph.db, eventsDb]) expect(await db.manager.countBy(ProcessingRestriction, { subjectKey: subjectKeyOf(phone) })).toBe(1);
});
