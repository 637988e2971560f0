import { randomUUID } from 'node:crypto';
import { Role } from './common/auth';
import { AuditEntry, personalDataIn } from './common/audit';
import { PersonalDataRead } from './common/personal-data-reads';
import { Consent, ConsentPurpose, ERASED_NAME } from './common/consent';
import { Database } from './common/database';
import { IdempotencyKey } from './common/idempotency';
import { DATA_SUBJECT_REQUEST_DONE, subjectKeyOf, useRequestDeadline } from './common/data-subject';
import { DEFAULT_REQUEST_DEADLINE_HOURS } from './common/config';
import { runInRequestScope } from './common/request-scope';
import type { SubgraphDefinition } from './common/server';
import { fakeConsent } from './common/testing/consent';
import { freshTestDatabaseUrl } from './common/testing/database';
import { dataSubjectClaims } from './common/testing/data-subject';
import { deliverEvents, eventsInOutbox } from './common/testing/events';
import { createTestSubgraph, errorCodes, type TestSubgraph } from './common/testing/subgraph';
import { events } from './events';
import { eraseApplicationsOnRequest } from './events/erasure';
import { ApplicationStatus, ContestEntry, StallApplication } from './events/entities';
import { fakeApplication, fakeCategory, fakeContest, fakeEntry, fakeEvent, fakeTree as eventsTree } from './events/testing/factories';
import { partners } from './partners';
import { eraseOnboardingsOnRequest } from './partners/erasure';
import { Onboarding } from './partners/entities';
import { fakeOnboarding, fakePartner, fakeTree as partnersTree } from './partners/testing/factories';
import { resources } from './resources';
import { eraseGiftsOnRequest } from './resources/erasure';
import { Allocation, Receipt, RecipientKind } from './resources/entities';
import { fakeGiftLot, fakeProgramme, fakeTree as resourcesTree } from './resources/testing/factories';
import { teams } from './teams';
import { AccessCode, Affiliation, MembershipRequest, MembershipRequestKind, MembershipRequestStatus, PersonalDataRequest, Person } from './teams/entities';
import { fakeMember, fakePerson, fakePersonalDataRequest, fakeTeam, fakeTwoTierTree } from './teams/testing/factories';

/**
 * Requests to correct, erase or restrict (Law 91/2025/QH15): the person files them with a one-time
 * code, officers over the unit handle them before the deadline, once; an erasure done leaves the
 * accounts whole and no trace of the person in teams, resources, partners or events (read from the tables).
 */

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
const databases: Database[] = [];
async function databaseOf(definition: SubgraphDefinition): Promise<Database> {
  const db = await Database.open({ url: await freshTestDatabaseUrl(`pdr_${definition.name}`), entities: definition.entities, migrations: definition.migrations });
  await db.migrate();
  databases.push(db);
  return db;
}

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
});
afterAll(async () => {
  await subgraph.close();
  await Promise.all(databases.map((db) => db.close()));
});

const officer = () => ({ sub: 'officer-xa-mot', roles: [Role.OFFICER], units: [tree.commune.code] });
const officerElsewhere = () => ({ sub: 'officer-xa-hai', roles: [Role.OFFICER], units: [tree.otherCommune.code] });

const FILE = 'mutation ($input: PersonalDataRequestInput!) { requestPersonalDataAction(input: $input) { id kind status unitCode receivedAt dueAt overdue } }';
const QUEUE = 'query ($code: String!) { personalDataRequests(unitCode: $code) { id kind dueAt overdue } }';
const HANDLE = 'mutation ($input: PersonalDataRequestOutcomeInput!) { handlePersonalDataRequest(input: $input) { id status handledBy handledAt outcomeReason } }';
const MINE = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { personalDataRequests { id kind status outcomeReason } } } }';

describe('filing a request', () => {
  it('is for the person, with the legal deadline, once per idempotency key', async () => {
    const phone = '0912555001';
    const input = { kind: 'RESTRICTION', unitCode: tree.village.code, idempotencyKey: 'han-che-0001' };
    const first = await subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input } });
    expect(first.errors).toBeUndefined();
    const filed = first.data.requestPersonalDataAction;
    expect(filed).toMatchObject({ kind: 'RESTRICTION', status: 'RECEIVED', unitCode: tree.village.code, overdue: false });
    expect(new Date(filed.dueAt).getTime() - new Date(filed.receivedAt).getTime()).toBe(72 * 3_600_000);

    const retry = await subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input } });
    expect(retry.data.requestPersonalDataAction.id).toBe(filed.id);
    expect(await subgraph.db.manager.countBy(PersonalDataRequest, { subjectKey: subjectKeyOf(phone) })).toBe(1);

    // Nobody files for another: an officer has no phone proven, nor does an anonymous caller.
    expect(errorCodes(await subgraph.execute(FILE, { as: officer(), variables: { input: { ...input, idempotencyKey: null } } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(FILE, { variables: { input } }))).toEqual(['UNAUTHENTICATED']);
  });

  it('takes its deadline from the configuration (PERSONAL_DATA_REQUEST_DEADLINE_HOURS)', async () => {
    useRequestDeadline(240);
    try {
      const { data } = await subgraph.execute<any>(FILE, { as: dataSubjectClaims('0912555006'), variables: { input: { kind: 'ERASURE', unitCode: tree.commune.code } } });
      const { receivedAt, dueAt } = data.requestPersonalDataAction;
      expect(new Date(dueAt).getTime() - new Date(receivedAt).getTime()).toBe(240 * 3_600_000);
    } finally {
      useRequestDeadline(DEFAULT_REQUEST_DEADLINE_HOURS);
    }
  });

  it('files once when the same key arrives twice at once (two taps on a weak connection)', async () => {
    const phone = '0912555005';
    const input = { kind: 'ERASURE', unitCode: tree.commune.code, idempotencyKey: 'xoa-du-lieu-0001' };
    const both = await Promise.all([1, 2].map(() => subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input } })));
    expect(both.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(new Set(both.map((result) => result.data.requestPersonalDataAction.id)).size).toBe(1);
    expect(await subgraph.db.manager.countBy(PersonalDataRequest, { subjectKey: subjectKeyOf(phone) })).toBe(1);
  });

  it('refuses a correction that does not say what to correct, naming the field, writing nothing', async () => {
    const phone = '0912555002';
    const result = await subgraph.execute(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind: 'CORRECTION', unitCode: tree.commune.code, details: '  ' } } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ field: 'details' });
    const unknownUnit = await subgraph.execute(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind: 'ERASURE', unitCode: 'KHONG-CO' } } });
    expect(unknownUnit.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitCode' });
    expect(await subgraph.db.manager.countBy(PersonalDataRequest, { subjectKey: subjectKeyOf(phone) })).toBe(0);
  });
});

describe('the officers’ queue', () => {
  it('lists what is addressed under the unit, the nearest deadline first, and flags what is overdue', async () => {
    const { commune } = await fakeTwoTierTree(subgraph.db).then((own) => ({ commune: own.commune, village: own.village }));
    const late = await fakePersonalDataRequest(subgraph.db, commune, { dueAt: new Date(Date.now() - 3_600_000) });
    const soon = await fakePersonalDataRequest(subgraph.db, commune, { dueAt: new Date(Date.now() + 3_600_000) });
    const done = await fakePersonalDataRequest(subgraph.db, commune, { status: 'DONE' as never });
    const as = { sub: 'officer-own', roles: [Role.OFFICER], units: [commune.code] };
    const { data, errors } = await subgraph.execute<any>(QUEUE, { as, variables: { code: commune.code } });
    expect(errors).toBeUndefined();
    expect(data.personalDataRequests.map((request: { id: string; overdue: boolean }) => [request.id, request.overdue])).toEqual([
      [late.id, true],
      [soon.id, false],
    ]);
    expect(data.personalDataRequests.map((request: { id: string }) => request.id)).not.toContain(done.id);
    expect(errorCodes(await subgraph.execute(QUEUE, { as: officerElsewhere(), variables: { code: commune.code } }))).toEqual(['FORBIDDEN']);
  });
});

describe('handling a request', () => {
  it('is done once, by an officer over the unit, with the reason the person then reads', async () => {
    const phone = '0912555003';
    const request = await fakePersonalDataRequest(subgraph.db, tree.village, { phone, kind: 'CORRECTION' as never, details: 'Sai năm sinh' });
    const input = (outcome: string) => ({ id: request.id, outcome, reason: 'Đã sửa năm sinh theo căn cước' });
    expect(errorCodes(await subgraph.execute(HANDLE, { as: officerElsewhere(), variables: { input: input('DONE') } }))).toEqual(['FORBIDDEN']);

    // Two officers at once: one outcome, the other told it was handled.
    const results = await Promise.all([
      subgraph.execute<any>(HANDLE, { as: officer(), variables: { input: input('DONE') } }),
      subgraph.execute<any>(HANDLE, { as: { ...officer(), sub: 'officer-2' }, variables: { input: input('REFUSED') } }),
    ]);
    expect(results.map((result) => errorCodes(result)[0] ?? result.data.handlePersonalDataRequest.status).sort()).toEqual(expect.arrayContaining(['CONFLICT']));
    const stored = await subgraph.db.manager.findOneByOrFail(PersonalDataRequest, { id: request.id });
    expect(stored.handledBy).toMatch(/^officer/);
    expect(stored.outcomeReason).toBe('Đã sửa năm sinh theo căn cước');

    const mine = await subgraph.execute<any>(MINE, { as: dataSubjectClaims(phone), variables: { r: [{ __typename: 'DataSubject', key: subjectKeyOf(phone) }] } });
    expect(mine.data._entities[0].personalDataRequests).toEqual([{ id: request.id, kind: 'CORRECTION', status: stored.status, outcomeReason: 'Đã sửa năm sinh theo căn cước' }]);
    // A correction is the officer's edit through the usual forms: nothing for the other subgraphs to do.
    expect((await eventsInOutbox({ name: 'teams', db: subgraph.db }, DATA_SUBJECT_REQUEST_DONE)).map((event) => event.subject)).not.toContain(request.id);
  });
});

describe('an erasure done', () => {
  it('leaves receipts, allocations, onboardings, stall applications, contest scores and memberships in the accounts, withdraws what was still open, and no trace of the person in any subgraph', async () => {
    const phone = '0912555004';
    const key = subjectKeyOf(phone);
    const name = 'Lò Thị Sen';
    // teams: a member, and her application to another team, with its consent.
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const person = await fakePerson(subgraph.db, { fullName: name, phone, address: 'Bản Xốp Cháo', birthYear: 1990 });
    const member = await fakeMember(subgraph.db, team, { person });
    const { team: otherTeam } = await fakeTeam(subgraph.db, tree.otherVillage);
    const application = await subgraph.db.manager.save(
      subgraph.db.manager.create(MembershipRequest, {
        kind: MembershipRequestKind.JOIN,
        teamId: otherTeam.id,
        applicantName: name,
        applicantPhone: phone,
        applicantAddress: 'Bản Xốp Cháo',
        affiliation: Affiliation.RESIDENT,
        requestedBy: null,
      }),
    );
    await fakeConsent(subgraph.db, application, ConsentPurpose.TEAM_MEMBERSHIP, phone);
    await subgraph.db.manager.save(subgraph.db.manager.create(AccessCode, { subjectKey: key, codeHash: 'x'.repeat(64), expiresAt: new Date() }));
    // resources: a gift to her household from an in-kind receipt.
    const resourcesDb = await databaseOf(resources);
    const gift = await fakeGiftLot(resourcesDb, await fakeProgramme(resourcesDb, resourcesTree().commune), 5);
    const allocation = await resourcesDb.manager.save(
      resourcesDb.manager.create(Allocation, { giftId: gift.id, quantity: 2, recipientKind: RecipientKind.HOUSEHOLD, recipientId: null, household: `Hộ bà ${name}`, issuedOn: '2026-03-01', issuedBy: 'test' }),
    );
    await fakeConsent(resourcesDb, allocation, ConsentPurpose.GIFT_DELIVERY, phone);
    const receiptBefore = await resourcesDb.manager.findOneByOrFail(Receipt, { id: gift.receiptId });
    // partners: her household onboarded onto a wallet.
    const partnersDb = await databaseOf(partners);
    const pTree = partnersTree();
    const { wallet } = await fakePartner(partnersDb);
    const onboarding = await fakeOnboarding(partnersDb, wallet, pTree.villageTeam, { name: `Hộ bà ${name}`, phone, address: 'Bản Xốp Cháo' });
    await fakeConsent(partnersDb, onboarding, ConsentPurpose.PLATFORM_ONBOARDING, phone);

    // events: her household's stall at a fair, and a contest entry in her own name.
    const eventsDb = await databaseOf(events);
    const fair = await fakeEvent(eventsDb, eventsTree().commune);
    // Her application holds the category's only stall; another household waits for one.
    const { category, stalls } = await fakeCategory(eventsDb, fair, { capacity: 1 });
    const stall = await fakeApplication(eventsDb, category, {
      contactName: name, contactPhone: phone, exhibitorName: `Hộ bà ${name}`, status: ApplicationStatus.APPROVED, stallId: stalls[0].id,
    });
    const waiting = await fakeApplication(eventsDb, category, { status: ApplicationStatus.WAITLISTED });
    await fakeConsent(eventsDb, stall, ConsentPurpose.STALL_APPLICATION, phone);
    const entry = await fakeEntry(eventsDb, (await fakeContest(eventsDb, fair)).contest, { entrant: name, title: 'Mật ong rừng', score: 90 });
    await fakeConsent(eventsDb, entry, ConsentPurpose.CONTEST_ENTRY, phone);

    // In every subgraph, the record of a retry key she sent herself (its scope holds her token's subject).
    for (const db of [subgraph.db, resourcesDb, partnersDb, eventsDb]) {
      await db.manager.insert(IdempotencyKey, { id: randomUUID(), scope: `withdrawSomeConsent:${dataSubjectClaims(phone).sub}`, key: 'her-retry-key', requestHash: 'x'.repeat(64), resultId: null });
    }

    const filed = await subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind: 'ERASURE', unitCode: tree.commune.code } } });
    const id = filed.data.requestPersonalDataAction.id;
    const handled = await subgraph.execute<any>(HANDLE, { as: officer(), variables: { input: { id, outcome: 'DONE', reason: 'Đã xoá theo yêu cầu của chị' } } });
    expect(handled.errors).toBeUndefined();

    const [announced] = (await eventsInOutbox({ name: 'teams', db: subgraph.db }, DATA_SUBJECT_REQUEST_DONE)).filter((event) => event.subject === id);
    expect(announced.payload).toEqual({ requestId: id, kind: 'ERASURE', subjectKey: key });
    expect(JSON.stringify(announced)).not.toMatch(/0912555004|Sen/);
    const teamsSource = [{ name: 'teams', db: subgraph.db }];
    expect(await deliverEvents(teamsSource, { db: resourcesDb, consumers: [eraseGiftsOnRequest] })).toBeGreaterThanOrEqual(1);
    expect(await deliverEvents(teamsSource, { db: partnersDb, consumers: [eraseOnboardingsOnRequest] })).toBeGreaterThanOrEqual(1);
    expect(await deliverEvents(teamsSource, { db: eventsDb, consumers: [eraseApplicationsOnRequest] })).toBeGreaterThanOrEqual(1);
    // Delivered again: nothing more happens.
    expect(await deliverEvents(teamsSource, { db: resourcesDb, consumers: [eraseGiftsOnRequest] })).toBe(0);

    // The accounts stay whole: the receipt's number and amount, the allocation's quantity, the membership, the onboarding.
    expect(await resourcesDb.manager.findOneByOrFail(Receipt, { id: gift.receiptId })).toMatchObject({ number: receiptBefore.number, amount: receiptBefore.amount });
    expect(await resourcesDb.manager.findOneByOrFail(Allocation, { id: allocation.id })).toMatchObject({ household: ERASED_NAME, quantity: 2, issuedOn: '2026-03-01' });
    expect(await partnersDb.manager.findOneByOrFail(Onboarding, { id: onboarding.id })).toMatchObject({ name: ERASED_NAME, phone: null, address: null, status: onboarding.status });
    expect(await subgraph.db.manager.findOneByOrFail(Person, { id: person.id })).toMatchObject({ fullName: ERASED_NAME, phone: null, phoneHash: null, address: null, birthYear: null });
    expect(await subgraph.db.manager.findOneByOrFail(MembershipRequest, { id: application.id })).toMatchObject({
      applicantName: ERASED_NAME, applicantPhone: null, applicantPhoneHash: null, applicantAddress: null, status: MembershipRequestStatus.WITHDRAWN,
    });
    expect(member.id).toBeDefined();
    // Her open application is cancelled (nobody is left to contact) and its stall goes to the household waiting.
    expect(await eventsDb.manager.findOneByOrFail(StallApplication, { id: stall.id })).toMatchObject({
      contactName: ERASED_NAME, contactPhone: null, exhibitorName: ERASED_NAME, status: ApplicationStatus.CANCELLED, stallId: null,
    });
    expect(await eventsDb.manager.findOneByOrFail(StallApplication, { id: waiting.id })).toMatchObject({ status: ApplicationStatus.APPROVED, stallId: stalls[0].id });
    expect(await eventsDb.manager.findOneByOrFail(ContestEntry, { id: entry.id })).toMatchObject({ entrant: ERASED_NAME, score: 90 });

    // No trace: the name, phone, address or key in no row of the tables that held them (read raw, as stored).
    for (const [db, tables] of [
      [subgraph.db, ['person', 'membership_request', 'consent', 'access_code', 'audit_entry', 'idempotency_key']],
      [resourcesDb, ['allocation', 'consent', 'idempotency_key']],
      [partnersDb, ['onboarding', 'consent', 'idempotency_key']],
      [eventsDb, ['stall_application', 'contest_entry', 'consent', 'idempotency_key']],
    ] as const) {
      for (const table of tables) {
        const rows = JSON.stringify(await db.manager.query(`SELECT * FROM ${table}`));
        expect({ table, name: rows.includes(name), phone: rows.includes('0912555004'), place: rows.includes('Xốp Cháo'), key: rows.includes(key) }).toEqual({ table, name: false, phone: false, place: false, key: false });
      }
    }
    expect(await resourcesDb.manager.countBy(Consent, { recordId: allocation.id })).toBe(1); // the consent stays, withdrawn, naming no one
  }, 120_000); // it opens and migrates three more databases
});

describe('a correction done', () => {
  it('applies the corrected name and address in every subgraph that holds them, sealed on the way', async () => {
    const phone = '0912555007';
    const key = subjectKeyOf(phone);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const person = await fakePerson(subgraph.db, { fullName: 'Lò Văn Hùg', phone, address: 'Bản Xốp' });
    await fakeMember(subgraph.db, team, { person });
    const eventsDb = await databaseOf(events);
    const { category } = await fakeCategory(eventsDb, await fakeEvent(eventsDb, eventsTree().commune));
    const stall = await fakeApplication(eventsDb, category, { contactName: 'Lò Văn Hùg', contactPhone: phone });
    const partnersDb = await databaseOf(partners);
    const { wallet } = await fakePartner(partnersDb);
    const onboarding = await fakeOnboarding(partnersDb, wallet, partnersTree().villageTeam, { name: 'Hộ ông Hùng', phone, address: 'Bản Xốp' });
    await fakeConsent(partnersDb, onboarding, ConsentPurpose.PLATFORM_ONBOARDING, phone);

    const filed = await subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind: 'CORRECTION', unitCode: tree.commune.code, details: 'Tên tôi là Hùng, ở bản Xốp Cháo' } } });
    const id = filed.data.requestPersonalDataAction.id;
    const correction = { fullName: 'Lò Văn Hùng', address: 'Bản Xốp Cháo' };
    // The values are only for a correction done, and must say something: refused naming the field, nothing written.
    const refused = await subgraph.execute(HANDLE, { as: officer(), variables: { input: { id, outcome: 'REFUSED', reason: 'Không đúng', correction } } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correction' });
    const empty = await subgraph.execute(HANDLE, { as: officer(), variables: { input: { id, outcome: 'DONE', reason: 'Đã sửa', correction: { fullName: ' ' } } } });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correction' });
    // In the words of the reader's language, each.
    expect([refused, empty].map((result) => result.errors![0].message)).toEqual([expect.stringContaining('chỉ ghi thông tin đã sửa khi'), expect.stringContaining('cần ghi họ tên hoặc địa chỉ đã sửa')]);
    const inEnglish = await runInRequestScope('correction-in-english', 'en', () =>
      subgraph.execute(HANDLE, { as: officer(), variables: { input: { id, outcome: 'DONE', reason: 'Corrected', correction: { fullName: ' ' } } } }),
    );
    expect(inEnglish.errors![0].message).toContain('give the corrected full name or address');
    expect(await subgraph.db.manager.findOneByOrFail(PersonalDataRequest, { id })).toMatchObject({ status: 'RECEIVED' });

    const done = await subgraph.execute<any>(HANDLE, { as: officer(), variables: { input: { id, outcome: 'DONE', reason: 'Đã sửa theo căn cước', correction } } });
    expect(done.errors).toBeUndefined();
    expect(await subgraph.db.manager.findOneByOrFail(Person, { id: person.id })).toMatchObject({ ...correction, phone });
    const [announced] = (await eventsInOutbox({ name: 'teams', db: subgraph.db }, DATA_SUBJECT_REQUEST_DONE)).filter((event) => event.subject === id);
    expect(announced.payload).toMatchObject({ kind: 'CORRECTION', subjectKey: key, correction: expect.any(String) });
    expect(JSON.stringify(announced)).not.toMatch(/Hùng|Xốp Cháo/); // sealed: the outbox and the bus never hold the values

    const teamsSource = [{ name: 'teams', db: subgraph.db }];
    expect(await deliverEvents(teamsSource, { db: eventsDb, consumers: [eraseApplicationsOnRequest] })).toBeGreaterThanOrEqual(1);
    expect(await deliverEvents(teamsSource, { db: partnersDb, consumers: [eraseOnboardingsOnRequest] })).toBeGreaterThanOrEqual(1);
    expect(await eventsDb.manager.findOneByOrFail(StallApplication, { id: stall.id })).toMatchObject({ contactName: 'Lò Văn Hùng', contactPhone: phone, status: stall.status });
    expect(await partnersDb.manager.findOneByOrFail(Onboarding, { id: onboarding.id })).toMatchObject({ name: 'Hộ ông Hùng', address: 'Bản Xốp Cháo', phone });
  }, 120_000);
});

describe('a correction given as fields', () => {
  const QUEUE_WITH_VALUES = 'query Queue($code: String!) { personalDataRequests(unitCode: $code) { id details correctedFullName correctedAddress } }';
  const MINE_WITH_VALUES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { personalDataRequests { id correctedFullName correctedAddress } } } }';

  it('is kept sealed, shown to the officers over the unit to fill their form (reads recorded), to the person, nobody else, and goes once handled', async () => {
    const phone = '0912555021';
    const correction = { fullName: 'Đinh Thị Hoà', address: 'Xóm Đồng Quýt, xã Một' };
    const filed = await subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input: { kind: 'CORRECTION', unitCode: tree.commune.code, correction } } });
    expect(filed.errors).toBeUndefined();
    const id = filed.data.requestPersonalDataAction.id;

    // Read straight from the table: sealed, neither value in the clear.
    const [raw] = await subgraph.db.manager.query(`SELECT * FROM personal_data_request WHERE id = '${id}'`);
    expect(JSON.stringify(raw)).not.toMatch(/Đinh Thị Hoà|Đồng Quýt/);
    expect(raw.correctedAddress).toMatch(/^[a-z0-9-]+:/);
    // The audit trail holds none of it.
    expect(personalDataIn(await subgraph.db.manager.findBy(AuditEntry, { entityId: id }))).toEqual([]);
    expect(JSON.stringify(await subgraph.db.manager.findBy(AuditEntry, { entityId: id }))).not.toMatch(/Đinh Thị Hoà|Đồng Quýt/);

    const queue = await subgraph.execute<any>(QUEUE_WITH_VALUES, { as: officer(), variables: { code: tree.commune.code } });
    expect(queue.errors).toBeUndefined();
    expect(queue.data.personalDataRequests.find((request: { id: string }) => request.id === id)).toEqual({ id, details: null, correctedFullName: correction.fullName, correctedAddress: correction.address });
    expect(await subgraph.db.manager.findOneBy(PersonalDataRead, { personId: id, field: 'PersonalDataRequest.correctedAddress', reader: 'officer-xa-mot', operation: 'Queue' })).not.toBeNull();
    expect(errorCodes(await subgraph.execute(QUEUE_WITH_VALUES, { as: officerElsewhere(), variables: { code: tree.commune.code } }))).toEqual(['FORBIDDEN']);
    const mine = () => subgraph.execute<any>(MINE_WITH_VALUES, { as: dataSubjectClaims(phone), variables: { r: [{ __typename: 'DataSubject', key: subjectKeyOf(phone) }] } });
    expect((await mine()).data._entities[0].personalDataRequests).toEqual([{ id, ...{ correctedFullName: correction.fullName, correctedAddress: correction.address } }]);

    const done = await subgraph.execute<any>(HANDLE, { as: officer(), variables: { input: { id, outcome: 'DONE', reason: 'Đã sửa theo căn cước', correction } } });
    expect(done.errors).toBeUndefined();
    expect(await subgraph.db.manager.findOneByOrFail(PersonalDataRequest, { id })).toMatchObject({ correctedFullName: null, correctedAddress: null });
    expect((await mine()).data._entities[0].personalDataRequests).toEqual([{ id, correctedFullName: null, correctedAddress: null }]);
  });

  it('is refused on any other kind, and a correction needs the fields or the words: naming the field, nothing written', async () => {
    const phone = '0912555022';
    const file = (input: object) => subgraph.execute(FILE, { as: dataSubjectClaims(phone), variables: { input: { unitCode: tree.commune.code, ...input } } });
    const onErasure = await file({ kind: 'ERASURE', correction: { fullName: 'Đinh Thị Hoà' } });
    expect(onErasure.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correction' });
    expect(onErasure.errors![0].message).toContain('chỉ ghi họ tên, địa chỉ cần sửa khi yêu cầu sửa thông tin');
    const blank = await file({ kind: 'CORRECTION', correction: { fullName: '  ', address: '' } });
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'details' });
    expect(await subgraph.db.manager.countBy(PersonalDataRequest, { subjectKey: subjectKeyOf(phone) })).toBe(0);
    // The address alone is enough.
    expect((await file({ kind: 'CORRECTION', correction: { address: 'Xóm Đồng Quýt' } })).errors).toBeUndefined();
  });

  it('goes with an erasure done before it was handled', async () => {
    const phone = '0912555023';
    const file = (input: object) => subgraph.execute<any>(FILE, { as: dataSubjectClaims(phone), variables: { input: { unitCode: tree.commune.code, ...input } } });
    const correction = (await file({ kind: 'CORRECTION', correction: { fullName: 'Đinh Văn Tư' } })).data.requestPersonalDataAction.id;
    const erasure = (await file({ kind: 'ERASURE' })).data.requestPersonalDataAction.id;
    expect((await subgraph.execute(HANDLE, { as: officer(), variables: { input: { id: erasure, outcome: 'DONE', reason: 'Đã xoá' } } })).errors).toBeUndefined();
    expect(await subgraph.db.manager.findOneByOrFail(PersonalDataRequest, { id: correction })).toMatchObject({ status: 'RECEIVED', correctedFullName: null, correctedAddress: null });
  });
});
