import { randomUUID } from 'node:crypto';
import { Role } from './common/auth';
import { AuditEntry } from './common/audit';
import { subjectKeyOf } from './common/data-subject';
import { consumeEvent } from './common/outbox';
import { MEMBER_PROCESSING_RESTRICTED, MEMBER_PROCESSING_RESTRICTION_LIFTED } from './common/restriction';
import { dataSubjectClaims } from './common/testing/data-subject';
import { deliverEvents, eventsInOutbox } from './common/testing/events';
import { createTestSubgraph, type TestSubgraph } from './common/testing/subgraph';
import { StaticUnitDirectory } from './common/testing/unit-directory';
import { partners } from './partners';
import { Attendance, RestrictedMember, Training, type Partner } from './partners/entities';
import { followMemberRestrictions } from './partners/member-restrictions';
import { fakePartner, fakeTraining, trainingInput } from './partners/testing/factories';
import { teams } from './teams';
import { Affiliation, Member, MemberRole, Person, Team } from './teams/entities';
import { enrol } from './teams/services/roster';
import { fakeTeam, fakeTwoTierTree } from './teams/testing/factories';
import { importFile, rosterXlsx } from './teams/testing/roster-files';

/**
 * A restriction (Law 91/2025/QH15) reaches partners' trainings: partners key attendance by the
 * membership and may not read teams' tables, so teams announces the person's memberships
 * (`member-processing.restricted` / `.restriction-lifted`) and partners keep them in
 * `restricted_member`; a partner records a restricted member at no training until it is lifted.
 */

let teamsHub: TestSubgraph;
let partnersHub: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let partner: Partner;
const directory = new StaticUnitDirectory();
const province = directory.addUnit('P-TR');
const commune = directory.addUnit('C-TR', province);

beforeAll(async () => {
  teamsHub = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(teamsHub.db);
  partnersHub = await createTestSubgraph(partners, directory);
  ({ partner } = await fakePartner(partnersHub.db));
}, 60_000);
afterAll(async () => {
  await teamsHub.close();
  await partnersHub.close();
});

const FILE = 'mutation ($input: PersonalDataRequestInput!) { requestPersonalDataAction(input: $input) { id } }';
const HANDLE = 'mutation ($input: PersonalDataRequestOutcomeInput!) { handlePersonalDataRequest(input: $input) { status } }';
const LOG = 'mutation ($input: LogTrainingsInput!) { logTrainings(input: $input) { created rows { id attendeeCount } } }';
const RECORD = 'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { created } }';
const CONTACT = 'mutation ($id: ID!, $input: ContactInput!) { updateMemberContact(memberId: $id, input: $input) { id } }';
const officer = () => ({ sub: 'officer-xa-mot', roles: [Role.OFFICER], units: [tree.commune.code] });
const partnerStaff = () => ({ sub: 'partner-staff-tr', roles: [Role.PARTNER], partner: partner.id });

/** The person files `kind`, an officer over the commune does it, and partners take teams' announcements. */
async function fileAndDo(phone: string, kind: string): Promise<void> {
  const filed = await teamsHub.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind, unitCode: tree.commune.code } } });
  expect(filed.errors).toBeUndefined();
  const done = await teamsHub.execute<any>(HANDLE, { as: officer(), variables: { input: { id: filed.data.requestPersonalDataAction.id, outcome: 'DONE', reason: 'Đã thực hiện' } } });
  expect(done.errors).toBeUndefined();
  await deliverEvents([{ name: 'teams', db: teamsHub.db }], { db: partnersHub.db, consumers: [followMemberRestrictions] });
}

/** A team of two in teams, known to partners' directory; the second member's phone. */
async function teamOfTwo(): Promise<{ members: Member[]; phone: string }> {
  const { team, members } = await fakeTeam(teamsHub.db, tree.village, { members: 2 });
  directory.addTeam(team.id, commune);
  for (const member of members) directory.addMember(member.id, team.id);
  const person = await teamsHub.db.manager.findOneByOrFail(Person, { id: members[1].personId });
  return { members, phone: person.phone! };
}

const logWith = (attendeeIds: string[]) =>
  partnersHub.execute<any>(LOG, {
    as: partnerStaff(),
    variables: { input: { partnerId: partner.id, trainings: [trainingInput(commune.unitCode, { heldOn: '2026-01-10', attendeeIds })] } },
  });

it('refuses a restricted member at a new training or in attendance recorded later (naming the field, nothing written) until the restriction is lifted', async () => {
  const { members, phone } = await teamOfTwo();
  const [kept, restricted] = members.map((member) => member.id);
  await fileAndDo(phone, 'RESTRICTION');
  const announced = await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED);
  expect(announced.at(-1)!.payload).toEqual({ requestId: expect.any(String), memberIds: [restricted] });
  // Ids only: nothing that names the person or leads to their phone.
  expect(JSON.stringify(announced.at(-1))).not.toContain(subjectKeyOf(phone));
  expect(await partnersHub.db.manager.findOneByOrFail(RestrictedMember, { memberId: restricted })).toMatchObject({ restricted: true });

  const trainingsBefore = await partnersHub.db.manager.countBy(Training, { partnerId: partner.id });
  const auditBefore = await partnersHub.db.manager.count(AuditEntry);
  const refused = await logWith([kept, restricted]);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainings.0.attendeeIds.1' });
  expect(refused.errors?.[0].message).toContain('hạn chế xử lý dữ liệu cá nhân');
  expect(await partnersHub.db.manager.countBy(Training, { partnerId: partner.id })).toBe(trainingsBefore);
  expect(await partnersHub.db.manager.count(AuditEntry)).toBe(auditBefore);

  const training = await fakeTraining(partnersHub.db, partner, commune, { heldOn: '2026-01-05' });
  const recordBoth = () =>
    partnersHub.execute<any>(RECORD, {
      as: partnerStaff(),
      variables: { input: { partnerId: partner.id, attendances: [kept, restricted].map((memberId) => ({ trainingId: training.id, memberId, idempotencyKey: randomUUID() })) } },
    });
  const refusedLater = await recordBoth();
  expect(refusedLater.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendances.1.memberId' });
  expect(await partnersHub.db.manager.countBy(Attendance, { trainingId: training.id })).toBe(0);
  // The others are recorded as before.
  const others = await logWith([kept]);
  expect(others.errors).toBeUndefined();

  await fileAndDo(phone, 'LIFT_RESTRICTION');
  expect(await partnersHub.db.manager.findOneByOrFail(RestrictedMember, { memberId: restricted })).toMatchObject({ restricted: false });
  const logged = await logWith([kept, restricted]);
  expect(logged.errors).toBeUndefined();
  expect(logged.data.logTrainings.rows[0].attendeeCount).toBe(2);
  expect((await recordBoth()).errors).toBeUndefined();
}, 60_000);

it('reads the restrictions of a batch in one query: a refused batch of 6 attendees costs the statements of one of 2', async () => {
  const groups = [await teamOfTwo(), await teamOfTwo(), await teamOfTwo()];
  for (const { phone } of groups) await fileAndDo(phone, 'RESTRICTION');
  const ids = groups.flatMap(({ members }) => members.map((member) => member.id));
  const queriesFor = (attendeeIds: string[]) => partnersHub.countQueries(() => logWith(attendeeIds));
  expect(await queriesFor(ids)).toBe(await queriesFor(ids.slice(0, 2)));
  expect(((await logWith(ids)).errors?.[0].extensions?.problems as { field: string }[]).map((problem) => problem.field)).toEqual(['trainings.0.attendeeIds.1', 'trainings.0.attendeeIds.3', 'trainings.0.attendeeIds.5']);
});

it('an erasure of a restricted person lifts it for partners too; an older announcement delivered late changes nothing; a redelivery acts once', async () => {
  const { members, phone } = await teamOfTwo();
  const restricted = members[1].id;
  await fileAndDo(phone, 'RESTRICTION');
  const [restriction] = (await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED)).filter((event) => (event.payload as any).memberIds.includes(restricted));
  await fileAndDo(phone, 'ERASURE');
  const lifted = (await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTION_LIFTED)).filter((event) => (event.payload as any).memberIds.includes(restricted));
  expect(lifted).toHaveLength(1);
  expect(await partnersHub.db.manager.findOneByOrFail(RestrictedMember, { memberId: restricted })).toMatchObject({ restricted: false });

  // The restriction again, as if delivered late (JetStream after a failed first try) under a new id: older than the row, ignored.
  expect(await consumeEvent(partnersHub.db, followMemberRestrictions, { ...restriction, id: randomUUID() })).toBe(true);
  expect(await partnersHub.db.manager.findOneByOrFail(RestrictedMember, { memberId: restricted })).toMatchObject({ restricted: false });
  // The same event again: consumed already, no effect.
  expect(await consumeEvent(partnersHub.db, followMemberRestrictions, lifted[0])).toBe(false);
  expect(await partnersHub.db.manager.countBy(RestrictedMember, { memberId: restricted })).toBe(1);
});

it('announces a membership the restricted person gains later (a request to join approved), so partners refuse it too', async () => {
  const { members, phone } = await teamOfTwo();
  await fileAndDo(phone, 'RESTRICTION');
  const { team: other } = await fakeTeam(teamsHub.db, tree.village);
  const [joined] = await teamsHub.db.transaction((manager) => enrol(manager, other, [{ personId: members[1].personId, role: MemberRole.MEMBER, affiliation: Affiliation.RESIDENT }], '2026-01-02'));
  const announced = (await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED)).map((event) => (event.payload as { memberIds: string[] }).memberIds);
  expect(announced).toContainEqual([joined.id]);
  await deliverEvents([{ name: 'teams', db: teamsHub.db }], { db: partnersHub.db, consumers: [followMemberRestrictions] });
  directory.addTeam(other.id, commune);
  directory.addMember(joined.id, other.id);
  expect((await logWith([joined.id])).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainings.0.attendeeIds.0' });
  // Someone not restricted joins unannounced.
  const before = (await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED)).length;
  await teamsHub.db.transaction((manager) => enrol(manager, other, [{ personId: members[0].personId, role: MemberRole.MEMBER, affiliation: Affiliation.RESIDENT }], '2026-01-02'));
  expect(await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED)).toHaveLength(before);
});

it('announces the memberships a roster import gives restricted people, known or new to teams, in the import’s transaction, so partners refuse them too', async () => {
  const { members, phone } = await teamOfTwo();
  await fileAndDo(phone, 'RESTRICTION');
  // Restricted before teams knew them as members (e.g. a stall applicant's restriction): the import brings them in.
  const newcomerPhone = '0916444002';
  await fileAndDo(newcomerPhone, 'RESTRICTION');
  const announcements = async () => (await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED)).map((event) => (event.payload as { memberIds: string[] }).memberIds);
  const before = (await announcements()).length;

  const file = await rosterXlsx([
    { decisionNumber: '31/QĐ-UBND', decisionDate: '01/03/2026', fullName: 'Lò Văn Tổ', role: 'Tổ trưởng', phone: '0916444001' },
    { fullName: 'Quàng Thị Hạn', role: 'Thành viên', phone },
    { fullName: 'Vì Văn Mới', role: 'Thành viên', phone: newcomerPhone },
  ]);
  expect((await importFile(teamsHub, officer(), tree.commune.code, file)).applied).toMatchObject({ status: 'DONE', membersJoined: 3 });
  const team = await teamsHub.db.manager.findOneByOrFail(Team, { unitCode: tree.commune.code });
  const memberOf = async (personPhone: string) => {
    const person = await teamsHub.db.manager.findOneByOrFail(Person, { phoneHash: subjectKeyOf(personPhone) });
    return (await teamsHub.db.manager.findOneByOrFail(Member, { teamId: team.id, personId: person.id })).id;
  };
  const [leader, known, newcomer] = [await memberOf('0916444001'), await memberOf(phone), await memberOf(newcomerPhone)];
  expect(known).not.toBe(members[1].id);
  expect((await announcements()).slice(before).flat().sort()).toEqual([known, newcomer].sort());

  await deliverEvents([{ name: 'teams', db: teamsHub.db }], { db: partnersHub.db, consumers: [followMemberRestrictions] });
  directory.addTeam(team.id, commune);
  for (const id of [leader, known, newcomer]) directory.addMember(id, team.id);
  const refused = await logWith([leader, known, newcomer]);
  expect((refused.errors?.[0].extensions?.problems as { field: string }[]).map((problem) => problem.field)).toEqual(['trainings.0.attendeeIds.1', 'trainings.0.attendeeIds.2']);
  expect((await logWith([leader])).errors).toBeUndefined();

  // The same file again creates no membership and announces nothing.
  const count = (await announcements()).length;
  expect((await importFile(teamsHub, officer(), tree.commune.code, file)).applied).toMatchObject({ status: 'DONE', membersJoined: 0 });
  expect(await announcements()).toHaveLength(count);
}, 60_000);

it('announces a member whose contact is changed to a restricted person’s phone, in the change’s transaction, so partners refuse them too; another change announces nothing', async () => {
  const { members } = await teamOfTwo();
  const restrictedPhone = '0916555001';
  await fileAndDo(restrictedPhone, 'RESTRICTION');
  const announcements = async () => (await eventsInOutbox({ name: 'teams', db: teamsHub.db }, MEMBER_PROCESSING_RESTRICTED)).map((event) => (event.payload as { memberIds: string[] }).memberIds);
  const change = async (input: Record<string, string>) =>
    expect((await teamsHub.execute(CONTACT, { as: officer(), variables: { id: members[0].id, input } })).errors).toBeUndefined();
  const before = (await announcements()).length;

  await change({ phone: restrictedPhone });
  expect((await announcements()).slice(before)).toEqual([[members[0].id]]);
  await deliverEvents([{ name: 'teams', db: teamsHub.db }], { db: partnersHub.db, consumers: [followMemberRestrictions] });
  expect((await logWith([members[1].id, members[0].id])).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainings.0.attendeeIds.1' });

  // The address alone, the same phone again, or a phone nobody restricted: nothing more announced.
  await change({ address: 'Bản Xốp Cháo' });
  await change({ phone: restrictedPhone });
  await change({ phone: '0916555002' });
  expect(await announcements()).toHaveLength(before + 1);
});
