import { Role } from './common/auth';
import { ConsentPurpose } from './common/consent';
import { Database } from './common/database';
import { subjectKeyOf } from './common/data-subject';
import { PersonalDataRead } from './common/personal-data-reads';
import { ProcessingRestriction, restrictProcessing } from './common/restriction';
import { fakeConsent, GIVEN_CONSENT } from './common/testing/consent';
import { workbookRows } from './common/testing/papers';
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
import { Member, MembershipRequest, Person, WorkAssignment } from './teams/entities';
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

describe('a restricted member in the team', () => {
  const ROSTER = 'query ($id: ID!) { team(id: $id) { members { id fullName processingRestricted phone address } } }';
  const SAVE_PLAN = 'mutation ($input: ActivityPlanInput!) { saveActivityPlan(input: $input) { assignments { assignee { id } } } }';
  const JOIN = 'mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }';
  const leaderOf = (teamId: string) => ({ sub: `leader-${teamId}`, roles: [Role.TEAM_LEADER], team: teamId });
  const restrict = (person: Person) => restrictProcessing(subgraph.db.manager, subjectKeyOf(person.phone!), 'request-in-test');
  const work = (assigneeId: string, content = 'Hướng dẫn hộ dân cài VNeID') => ({ assigneeId, content });
  const assign = (teamId: string, ...assignments: ReturnType<typeof work>[]) => ({ teamId, year: 2026, title: 'Kế hoạch năm 2026', themes: [], programme: [], assignments });

  it('stays on the roster, marked, with phone and address withheld (no read recorded); the others as before', async () => {
    const { team, members } = await fakeTeam(subgraph.db, tree.village, { members: 2 });
    const [kept, restricted] = await Promise.all(members.map((member) => subgraph.db.manager.findOneByOrFail(Person, { id: member.personId })));
    await restrict(restricted);
    const result = await subgraph.execute<any>(ROSTER, { as: leaderOf(team.id), variables: { id: team.id } });
    expect(result.errors).toBeUndefined();
    const byId = new Map(result.data.team.members.map((member: any) => [member.id, member]));
    expect(byId.get(members[1].id)).toEqual({ id: members[1].id, fullName: restricted.fullName, processingRestricted: true, phone: null, address: null });
    expect(byId.get(members[0].id)).toEqual({ id: members[0].id, fullName: kept.fullName, processingRestricted: false, phone: kept.phone, address: kept.address });
    expect(await subgraph.db.manager.countBy(PersonalDataRead, { personId: restricted.id })).toBe(0);
    expect(await subgraph.db.manager.countBy(PersonalDataRead, { personId: kept.id })).toBe(2);
  });

  it('reads the roster’s restrictions in as many queries for 3 members as for 12 (no N+1)', async () => {
    const queriesFor = async (size: number) => {
      const { team, members } = await fakeTeam(subgraph.db, tree.village, { members: size });
      for (const member of members.slice(0, 2)) await restrict(await subgraph.db.manager.findOneByOrFail(Person, { id: member.personId }));
      return subgraph.countQueries(() => subgraph.execute(ROSTER, { as: leaderOf(team.id), variables: { id: team.id } }));
    };
    expect(await queriesFor(12)).toBe(await queriesFor(3));
  });

  it('is given no new work (refused, naming the row, nothing written), keeps work given before', async () => {
    const { team, members } = await fakeTeam(subgraph.db, tree.village, { members: 2 });
    const [other, restricted] = members;
    const given = await subgraph.execute<any>(SAVE_PLAN, { as: leaderOf(team.id), variables: { input: assign(team.id, work(restricted.id)) } });
    expect(given.errors).toBeUndefined();
    await restrict(await subgraph.db.manager.findOneByOrFail(Person, { id: restricted.personId }));

    // Re-saved with the work given before: kept.
    const kept = await subgraph.execute<any>(SAVE_PLAN, { as: leaderOf(team.id), variables: { input: assign(team.id, work(restricted.id), work(other.id)) } });
    expect(kept.errors).toBeUndefined();
    expect(kept.data.saveActivityPlan.assignments).toEqual([{ assignee: { id: restricted.id } }, { assignee: { id: other.id } }]);
    // New work for them: refused, and the plan stays as it was.
    const refused = await subgraph.execute<any>(SAVE_PLAN, { as: leaderOf(team.id), variables: { input: assign(team.id, work(other.id), work(restricted.id, 'Trực điểm hỗ trợ tại nhà văn hoá'), work(restricted.id)) } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assignments.1.assigneeId' });
    expect(await subgraph.db.manager.countBy(WorkAssignment, { assigneeId: restricted.id })).toBe(1);
    // A new copy of the form keeps their assignment but does not name them.
    const FORM = 'query ($id: ID!) { workAssignmentsFile(teamId: $id, year: 2026) { filename contentType base64 } }';
    const form = (await workbookRows((await subgraph.execute<any>(FORM, { as: leaderOf(team.id), variables: { id: team.id } })).data.workAssignmentsFile)).flat().join(' | ');
    const [otherPerson, restrictedPerson] = await Promise.all([other, restricted].map((member) => subgraph.db.manager.findOneByOrFail(Person, { id: member.personId })));
    expect(form).toContain(otherPerson.fullName);
    expect(form).not.toContain(restrictedPerson.fullName);
    expect(form).toContain('(đã yêu cầu hạn chế xử lý dữ liệu)');
    // A plan of a team that never gave them work: refused too.
    const fresh = await fakeTeam(subgraph.db, tree.village);
    await subgraph.db.manager.save(subgraph.db.manager.create(Member, { ...restricted, id: undefined, teamId: fresh.team.id }));
    const elsewhere = await subgraph.db.manager.findOneByOrFail(Member, { teamId: fresh.team.id, personId: restricted.personId });
    const refusedElsewhere = await subgraph.execute<any>(SAVE_PLAN, { as: leaderOf(fresh.team.id), variables: { input: assign(fresh.team.id, work(elsewhere.id)) } });
    expect(refusedElsewhere.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assignments.0.assigneeId' });
  });

  it('is not offered to another team (refused, naming the field, nothing written)', async () => {
    const { members } = await fakeTeam(subgraph.db, tree.commune, { members: 1 });
    await restrict(await subgraph.db.manager.findOneByOrFail(Person, { id: members[0].personId }));
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const before = await subgraph.db.manager.countBy(MembershipRequest, { teamId: team.id });
    const result = await subgraph.execute<any>(JOIN, {
      as: officer(),
      variables: { input: { teamId: team.id, consent: GIVEN_CONSENT, applicant: { existingMemberId: members[0].id, affiliation: 'YOUTH_UNION' } } },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicant.existingMemberId' });
    expect(await subgraph.db.manager.countBy(MembershipRequest, { teamId: team.id })).toBe(before);
  });
});
