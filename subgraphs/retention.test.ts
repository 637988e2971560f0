import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { ERASED_NAME } from './common/consent';
import { Database } from './common/database';
import { releaseLease, takeLease } from './common/lease';
import { applyRetention, readRetentionRules } from './common/retention';
import { freshTestDatabaseUrl } from './common/testing/database';
import type { SubgraphDefinition } from './common/server';
import { events } from './events';
import { ApplicationStatus, ExhibitorKind, StallApplication } from './events/entities';
import { fakeApplication, fakeCategory, fakeEvent, fakeTree as eventsTree } from './events/testing/factories';
import { partners } from './partners';
import { Onboarding, RestrictedMember, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from './partners/entities';
import { LIFTED_RESTRICTION_DAYS, WEBHOOK_DELIVERY_DAYS } from './partners/retention';
import { subgraphs } from './index';
import { queueTestWebhook } from './partners/services/webhooks';
import { fakeOnboarding, fakePartner, fakeTree as partnersTree, fakeWebhookEndpoint } from './partners/testing/factories';
import { resources } from './resources';
import { Allocation, RecipientKind } from './resources/entities';
import { fakeGiftLot, fakeProgramme, fakeTree as resourcesTree } from './resources/testing/factories';
import { teams } from './teams';
import { AccessCode, Member, MembershipRequest, MembershipRequestKind, MembershipRequestStatus, Affiliation, PersonalDataRequest, PersonalDataRequestKind, PersonalDataRequestStatus, Person } from './teams/entities';
import { fakeMember, fakePersonalDataRequest, fakePerson, fakeTeam, fakeTwoTierTree } from './teams/testing/factories';
import { ACCESS_LOG_MINIMUM_MONTHS, ACCESS_LOG_MONTHS, PersonalDataRead } from './common/personal-data-reads';
import { subjectKeyOf } from './common/data-subject';
import { IdempotencyKey } from './common/idempotency';
import { restrictProcessing } from './common/restriction';

/**
 * Retention on a fake clock: nothing is erased before its period is over, everything after, once
 * (a second run finds nothing), in batches, and only by the replica holding the lease.
 */

const databases: Database[] = [];
async function databaseOf(definition: SubgraphDefinition): Promise<Database> {
  const db = await Database.open({ url: await freshTestDatabaseUrl(`retention_${definition.name}`), entities: definition.entities, migrations: definition.migrations });
  await db.migrate();
  databases.push(db);
  return db;
}
afterAll(() => Promise.all(databases.map((db) => db.close())));

const at = (date: string) => new Date(`${date}T02:00:00Z`);
/** The subgraph's rules with the periods `env` sets (none: today's defaults), as the job reads them. */
const rulesOf = (name: string, env: NodeJS.ProcessEnv = {}) => readRetentionRules(subgraphs.find((subgraph) => subgraph.name === name)!.retention, env);
const run = (db: Database, name: string, now: Date, batchSize = 200, env: NodeJS.ProcessEnv = {}) => applyRetention(db, rulesOf(name, env), { now, batchSize });

describe('the lease', () => {
  it('is taken by one replica at a time, until it is given back or expires', async () => {
    const db = await databaseOf(events);
    const now = at('2027-01-01');
    const inAnHour = new Date(now.getTime() + 3_600_000);
    const taken = await Promise.all([takeLease(db, 'job', 'replica-a', now, inAnHour), takeLease(db, 'job', 'replica-b', now, inAnHour)]);
    expect([...taken].sort()).toEqual([false, true]);
    const [winner, loser] = taken[0] ? ['replica-a', 'replica-b'] : ['replica-b', 'replica-a'];
    expect(await takeLease(db, 'job', loser, new Date(now.getTime() + 60_000), inAnHour)).toBe(false);
    expect(await takeLease(db, 'job', loser, inAnHour, new Date(inAnHour.getTime() + 60_000))).toBe(true);
    await releaseLease(db, 'job', loser);
    expect(await takeLease(db, 'job', winner, inAnHour, new Date(inAnHour.getTime() + 60_000))).toBe(true);
  });

  it('keeps a second run out while the first holds it', async () => {
    const db = await databaseOf(events);
    const now = at('2027-01-01');
    expect(await takeLease(db, 'retention', 'replica-a', now, new Date(now.getTime() + 3_600_000))).toBe(true);
    expect(await applyRetention(db, rulesOf('events'), { now, holder: 'replica-b' })).toEqual({ ran: false, erased: { 'stall-contacts': 0, 'access-log': 0 } });
  });
});

it('events: stall applicants’ contact details go 6 months after the fair, in batches, once', async () => {
  const db = await databaseOf(events);
  const tree = eventsTree();
  const fair = await fakeEvent(db, tree.commune, { startsOn: '2026-10-10', endsOn: '2026-10-11' });
  const { category } = await fakeCategory(db, fair, { capacity: 10 });
  const households = await Promise.all([1, 2, 3].map((n) => fakeApplication(db, category, { contactPhone: `091233300${n}`, exhibitorName: `Hộ bà Năm ${n}` })));
  const business = await fakeApplication(db, category, { exhibitorKind: ExhibitorKind.BUSINESS, exhibitorName: 'Quán Sen', status: ApplicationStatus.APPROVED });

  expect((await run(db, 'events', at('2027-04-10'))).erased).toEqual({ 'stall-contacts': 0, 'access-log': 0 });
  expect((await run(db, 'events', at('2027-04-12'), 2)).erased).toEqual({ 'stall-contacts': 4, 'access-log': 0 });
  expect((await run(db, 'events', at('2027-04-12'))).erased).toEqual({ 'stall-contacts': 0, 'access-log': 0 });

  const after = await db.manager.findBy(StallApplication, { categoryId: category.id });
  expect(after.find((row) => row.id === business.id)).toMatchObject({ exhibitorName: 'Quán Sen', contactName: ERASED_NAME, contactPhone: null, contactPhoneHash: null });
  for (const household of households) {
    expect(after.find((row) => row.id === household.id)).toMatchObject({ exhibitorName: ERASED_NAME, contactName: ERASED_NAME, contactPhone: null });
  }
  const raw = JSON.stringify(await db.manager.query('SELECT * FROM stall_application'));
  expect(raw).not.toMatch(/Hộ bà Năm|0912333/);
});

it('teams: a refused applicant’s details go 12 months after the decision; an approved one’s stay', async () => {
  const db = await databaseOf(teams);
  const { village } = await fakeTwoTierTree(db);
  const { team } = await fakeTeam(db, village);
  const request = (status: MembershipRequestStatus) =>
    db.manager.save(
      db.manager.create(MembershipRequest, {
        kind: MembershipRequestKind.JOIN,
        teamId: team.id,
        status,
        applicantName: 'Phạm Văn Nộp',
        applicantPhone: '0911222444',
        applicantAddress: 'Thôn Một',
        affiliation: Affiliation.RESIDENT,
        decidedAt: at('2026-02-01'),
      }),
    );
  const refused = await request(MembershipRequestStatus.REJECTED);
  const approved = await request(MembershipRequestStatus.APPROVED);

  expect((await run(db, 'teams', at('2027-01-31'))).erased).toEqual({ 'refused-applicants': 0, 'former-members': 0, 'access-codes': 0, 'handled-requests': 0, 'access-log': 0 });
  expect((await run(db, 'teams', at('2027-02-02'))).erased).toEqual({ 'refused-applicants': 1, 'former-members': 0, 'access-codes': 0, 'handled-requests': 0, 'access-log': 0 });
  expect(await db.manager.findOneByOrFail(MembershipRequest, { id: refused.id })).toMatchObject({ applicantName: ERASED_NAME, applicantPhone: null, applicantAddress: null, applicantPhoneHash: null });
  expect(await db.manager.findOneByOrFail(MembershipRequest, { id: approved.id })).toMatchObject({ applicantName: 'Phạm Văn Nộp' });
  expect((await run(db, 'teams', at('2027-02-02'))).erased).toEqual({ 'refused-applicants': 0, 'former-members': 0, 'access-codes': 0, 'handled-requests': 0, 'access-log': 0 });
});

it('partners: an onboarded household goes 24 months after its last follow-up; a business stays', async () => {
  const db = await databaseOf(partners);
  const tree = partnersTree();
  const { wallet } = await fakePartner(db);
  const household = await fakeOnboarding(db, wallet, tree.villageTeam);
  const business = await fakeOnboarding(db, wallet, tree.villageTeam, { onboardeeKind: 'BUSINESS' as never, name: 'HTX Chè Tân Cương' });
  const lastFollowUp = (await db.manager.findOneByOrFail(Onboarding, { id: household.id })).updatedAt;
  const twoYearsOn = new Date(lastFollowUp);
  twoYearsOn.setUTCMonth(twoYearsOn.getUTCMonth() + 24);

  expect((await run(db, 'partners', new Date(twoYearsOn.getTime() - 86_400_000))).erased).toEqual({ 'onboarded-households': 0, 'webhook-deliveries': 0, 'lifted-restrictions': 0, 'access-log': 0 });
  expect((await run(db, 'partners', new Date(twoYearsOn.getTime() + 86_400_000))).erased).toEqual({ 'onboarded-households': 1, 'webhook-deliveries': 0, 'lifted-restrictions': 0, 'access-log': 0 });
  expect(await db.manager.findOneByOrFail(Onboarding, { id: household.id })).toMatchObject({ name: ERASED_NAME, phone: null, address: null });
  expect(await db.manager.findOneByOrFail(Onboarding, { id: business.id })).toMatchObject({ name: 'HTX Chè Tân Cương' });
});

it(`partners: a webhook delivery delivered or failed goes with its attempts ${WEBHOOK_DELIVERY_DAYS} days after its last round began; a pending one stays`, async () => {
  const db = await databaseOf(partners);
  const { partner } = await fakePartner(db);
  const endpoint = await fakeWebhookEndpoint(db, partner, 'https://crm.example.vn/hook', ['training.logged']);
  const sent = at('2027-01-01');
  const delivery = async (status: WebhookDeliveryStatus, roundStartedAt = sent) => {
    const queued = await db.transaction((manager) => queueTestWebhook(manager, endpoint, sent));
    await db.manager.update(WebhookDelivery, { id: queued.id }, { status, roundStartedAt });
    await db.manager.insert(WebhookAttempt, { id: crypto.randomUUID(), deliveryId: queued.id, attemptedAt: sent, responseStatus: 500, durationMs: 3, error: 'HTTP 500' });
    return queued.id;
  };
  const delivered = await Promise.all([1, 2, 3].map(() => delivery(WebhookDeliveryStatus.DELIVERED)));
  const failed = await delivery(WebhookDeliveryStatus.FAILED);
  const pending = await delivery(WebhookDeliveryStatus.PENDING);
  // Failed, then redelivered later: its new round counts.
  const redelivered = await delivery(WebhookDeliveryStatus.DELIVERED, at('2027-01-20'));
  const periodOver = new Date(sent.getTime() + WEBHOOK_DELIVERY_DAYS * 86_400_000);

  expect((await run(db, 'partners', new Date(periodOver.getTime() - 3_600_000))).erased).toEqual({ 'onboarded-households': 0, 'webhook-deliveries': 0, 'lifted-restrictions': 0, 'access-log': 0 });
  expect((await run(db, 'partners', new Date(periodOver.getTime() + 3_600_000), 2)).erased).toEqual({ 'onboarded-households': 0, 'webhook-deliveries': 4, 'lifted-restrictions': 0, 'access-log': 0 });
  expect((await run(db, 'partners', new Date(periodOver.getTime() + 3_600_000))).erased).toEqual({ 'onboarded-households': 0, 'webhook-deliveries': 0, 'lifted-restrictions': 0, 'access-log': 0 });
  const left = (await db.manager.findBy(WebhookDelivery, { endpointId: endpoint.id })).map((row) => row.id);
  expect(left.sort()).toEqual([pending, redelivered].sort());
  expect(await db.manager.countBy(WebhookAttempt, {})).toBe(2);
  expect(left).not.toContain(failed);
  expect(left).not.toEqual(expect.arrayContaining(delivered));
});

it('resources: a household’s name on a gift goes 10 years on; the allocation stays in the accounts', async () => {
  const db = await databaseOf(resources);
  const tree = resourcesTree();
  const gift = await fakeGiftLot(db, await fakeProgramme(db, tree.commune), 5);
  const allocation = await db.manager.save(
    db.manager.create(Allocation, { giftId: gift.id, quantity: 2, recipientKind: RecipientKind.HOUSEHOLD, recipientId: null, household: 'Hộ ông Ba', issuedOn: '2026-03-01', issuedBy: 'test' }),
  );
  expect((await run(db, 'resources', at('2036-02-28'))).erased).toEqual({ 'gift-recipients': 0, 'access-log': 0 });
  expect((await run(db, 'resources', at('2036-03-02'))).erased).toEqual({ 'gift-recipients': 1, 'access-log': 0 });
  expect(await db.manager.findOneByOrFail(Allocation, { id: allocation.id })).toMatchObject({ household: ERASED_NAME, quantity: 2, issuedOn: '2026-03-01' });
});

it('teams: a former member’s phone, address and birth year go 12 months after they left their last team; the name and memberships stay', async () => {
  const db = await databaseOf(teams);
  const { village } = await fakeTwoTierTree(db);
  const [{ team }, { team: other }] = await Promise.all([fakeTeam(db, village), fakeTeam(db, village)]);
  const left = await fakePerson(db, { fullName: 'Lường Văn Rời', phone: '0915111001', address: 'Bản Nà', birthYear: 1990 });
  await fakeMember(db, team, { person: left, leftOn: '2026-01-15' });
  // Left one team, still in another: kept.
  const stays = await fakePerson(db, { phone: '0915111002' });
  await fakeMember(db, team, { person: stays, leftOn: '2026-01-15' });
  await fakeMember(db, other, { person: stays });
  // Left two teams, the last in June: kept until June.
  const later = await fakePerson(db, { phone: '0915111003' });
  await fakeMember(db, team, { person: later, leftOn: '2026-01-15' });
  await fakeMember(db, other, { person: later, leftOn: '2026-06-01' });
  const former = (n: number) => ({ 'refused-applicants': 0, 'former-members': n, 'access-codes': 0, 'handled-requests': 0, 'access-log': 0 });

  expect((await run(db, 'teams', at('2027-01-14'))).erased).toEqual(former(0));
  expect((await run(db, 'teams', at('2027-01-16'))).erased).toEqual(former(1));
  expect(await db.manager.findOneByOrFail(Person, { id: left.id })).toMatchObject({ fullName: 'Lường Văn Rời', phone: null, phoneHash: null, address: null, birthYear: null });
  expect(await db.manager.countBy(Member, { personId: left.id })).toBe(1);
  expect(await db.manager.findOneByOrFail(Person, { id: stays.id })).toMatchObject({ phone: '0915111002' });
  expect(await db.manager.findOneByOrFail(Person, { id: later.id })).toMatchObject({ phone: '0915111003' });
  // Read straight from the table: nothing of the phone or its hash is left in the row.
  const [raw] = await db.manager.query(`SELECT * FROM person WHERE id = '${left.id}'`);
  expect(JSON.stringify(raw)).not.toContain(subjectKeyOf('0915111001'));
  expect(raw).toMatchObject({ phone: null, address: null });

  expect((await run(db, 'teams', at('2027-06-02'))).erased).toEqual(former(1));
  expect(await db.manager.findOneByOrFail(Person, { id: later.id })).toMatchObject({ phone: null });
  expect((await run(db, 'teams', at('2027-06-02'))).erased).toEqual(former(0));
});

it('teams: one-time codes, used or not, go a day after they expired', async () => {
  const db = await databaseOf(teams);
  const expiresAt = at('2027-03-01');
  const code = (usedAt: Date | null) => db.manager.save(db.manager.create(AccessCode, { subjectKey: subjectKeyOf('0915222001'), codeHash: 'x'.repeat(64), expiresAt, usedAt }));
  const [used, unused] = [await code(new Date(expiresAt.getTime() - 300_000)), await code(null)];
  const codes = (n: number) => ({ 'refused-applicants': 0, 'former-members': 0, 'access-codes': n, 'handled-requests': 0, 'access-log': 0 });

  expect((await run(db, 'teams', new Date(expiresAt.getTime() + 23 * 3_600_000))).erased).toEqual(codes(0));
  expect((await run(db, 'teams', new Date(expiresAt.getTime() + 25 * 3_600_000), 1)).erased).toEqual(codes(2));
  expect(await db.manager.countBy(AccessCode, { id: In([used.id, unused.id]) })).toBe(0);
});

it(`partners: a lifted restriction’s row goes ${LIFTED_RESTRICTION_DAYS} days after it was lifted; one still in force stays`, async () => {
  const db = await databaseOf(partners);
  const liftedOn = at('2027-01-01');
  const row = (restricted: boolean) => ({ memberId: randomUUID(), restricted, requestId: randomUUID(), decidedAt: liftedOn });
  const lifted = [row(false), row(false), row(false)];
  const inForce = row(true);
  await db.manager.insert(RestrictedMember, [...lifted, inForce].map((entry) => ({ ...entry })));
  const periodOver = new Date(liftedOn.getTime() + LIFTED_RESTRICTION_DAYS * 86_400_000);
  const erased = (n: number) => ({ 'onboarded-households': 0, 'webhook-deliveries': 0, 'lifted-restrictions': n, 'access-log': 0 });

  expect((await run(db, 'partners', new Date(periodOver.getTime() - 3_600_000))).erased).toEqual(erased(0));
  expect((await run(db, 'partners', new Date(periodOver.getTime() + 3_600_000), 2)).erased).toEqual(erased(3));
  expect((await run(db, 'partners', new Date(periodOver.getTime() + 3_600_000))).erased).toEqual(erased(0));
  expect((await db.manager.find(RestrictedMember)).map((entry) => entry.memberId)).toEqual([inForce.memberId]);
});

it('every subgraph: the access log goes 24 months after the read, the oldest first, in batches', async () => {
  for (const { name } of subgraphs) expect(rulesOf(name).map((rule) => rule.name)).toContain('access-log');
  expect(ACCESS_LOG_MONTHS).toBe(24);
  const db = await databaseOf(partners);
  const read = (readAt: Date) => ({ id: randomUUID(), readAt, reader: 'officer-1', personId: randomUUID(), field: 'Onboarding.phone', operation: 'Households' });
  const old = [read(at('2025-01-10')), read(at('2025-01-11')), read(at('2025-01-12'))];
  const recent = read(at('2025-06-01'));
  // Copies: insert writes generated values back into what it is given.
  await db.manager.insert(PersonalDataRead, [...old, recent].map((row) => ({ ...row })));
  const log = (n: number) => ({ 'onboarded-households': 0, 'webhook-deliveries': 0, 'lifted-restrictions': 0, 'access-log': n });

  expect((await run(db, 'partners', at('2027-01-09'))).erased).toEqual(log(0));
  expect((await run(db, 'partners', at('2027-01-12'), 2)).erased).toEqual(log(2));
  expect((await db.manager.find(PersonalDataRead, { order: { readAt: 'ASC' } })).map((row) => row.personId)).toEqual([old[2].personId, recent.personId]);
  expect((await run(db, 'partners', at('2027-01-13'))).erased).toEqual(log(1));
  expect((await run(db, 'partners', at('2027-01-13'))).erased).toEqual(log(0));
  expect(await db.manager.countBy(PersonalDataRead, { personId: recent.personId })).toBe(1);
});

describe('the periods are settings', () => {
  it('a changed period changes what the job erases: stall contacts after 2 months instead of 6, the access log after 13 instead of 24', async () => {
    const db = await databaseOf(events);
    const { category } = await fakeCategory(db, await fakeEvent(db, eventsTree().commune, { startsOn: '2027-01-10', endsOn: '2027-01-11' }), { capacity: 5 });
    const application = await fakeApplication(db, category, { contactPhone: '0912333101', exhibitorName: 'Hộ bà Sáu' });
    await db.manager.insert(PersonalDataRead, { id: randomUUID(), readAt: at('2026-02-01'), reader: 'organiser-1', personId: application.id, field: 'StallApplication.contactPhone', operation: 'Stalls' });
    const shorter = { RETENTION_STALL_CONTACT_MONTHS: '2', RETENTION_ACCESS_LOG_MONTHS: '13' };

    // Three months after the fair: today's defaults keep both.
    expect((await run(db, 'events', at('2027-04-12'))).erased).toEqual({ 'stall-contacts': 0, 'access-log': 0 });
    expect((await run(db, 'events', at('2027-03-10'), 200, shorter)).erased).toEqual({ 'stall-contacts': 0, 'access-log': 1 });
    expect((await run(db, 'events', at('2027-03-12'), 200, shorter)).erased).toEqual({ 'stall-contacts': 1, 'access-log': 0 });
    expect(await db.manager.findOneByOrFail(StallApplication, { id: application.id })).toMatchObject({ contactPhone: null, exhibitorName: ERASED_NAME });
    expect(rulesOf('events', shorter).map((rule) => rule.description).join(' ')).toMatch(/2 months after the fair ends.*13 months after the read/);
  });

  it('refuses, naming the setting and why, a period below a legal or accounting minimum, and any period that is not a whole number of its unit', () => {
    expect(() => rulesOf('resources', { RETENTION_GIFT_RECIPIENT_MONTHS: '119' })).toThrow(/RETENTION_GIFT_RECIPIENT_MONTHS must be a whole number from 120 to 1200 \(.*Law on Accounting 88\/2015\/QH13, art\. 41\), got "119"/);
    for (const { name } of subgraphs) {
      expect(() => rulesOf(name, { RETENTION_ACCESS_LOG_MONTHS: String(ACCESS_LOG_MINIMUM_MONTHS - 1) })).toThrow(/RETENTION_ACCESS_LOG_MONTHS .*Decree 53\/2022\/NĐ-CP/);
    }
    expect(() => rulesOf('teams', { RETENTION_FORMER_MEMBER_MONTHS: '0', RETENTION_HANDLED_REQUEST_MONTHS: 'a year' })).toThrow(/RETENTION_FORMER_MEMBER_MONTHS[\s\S]*RETENTION_HANDLED_REQUEST_MONTHS/);
    // At the minimum and above: accepted.
    expect(rulesOf('resources', { RETENTION_GIFT_RECIPIENT_MONTHS: '120', RETENTION_ACCESS_LOG_MONTHS: '12' }).map((rule) => rule.name)).toEqual(['gift-recipients', 'access-log']);
  });
});

it('teams: a handled request about a person’s data loses what links it to the person 12 months after it was handled; its kind, dates, deadline, outcome and officer stay', async () => {
  const db = await databaseOf(teams);
  const { commune } = await fakeTwoTierTree(db);
  const handledAt = at('2026-03-01');
  const handled = (phone: string, kind: PersonalDataRequestKind, status: PersonalDataRequestStatus) =>
    fakePersonalDataRequest(db, commune, { phone, kind, status, details: `Tôi là chủ số ${phone}`, handledBy: 'officer-xa', handledAt, outcomeReason: 'Đã thực hiện' });
  const done = await handled('0915333001', PersonalDataRequestKind.ERASURE, PersonalDataRequestStatus.DONE);
  const refused = await handled('0915333002', PersonalDataRequestKind.CORRECTION, PersonalDataRequestStatus.REFUSED);
  // A restriction still in force rests on its request: kept until it is lifted.
  const restricting = await handled('0915333003', PersonalDataRequestKind.RESTRICTION, PersonalDataRequestStatus.DONE);
  await db.transaction((manager) => restrictProcessing(manager, subjectKeyOf('0915333003'), restricting.id));
  const waiting = await fakePersonalDataRequest(db, commune, { phone: '0915333004' });
  // The retry key's record of the request: its scope is the person's token subject.
  const scope = `requestPersonalDataAction:data-subject:${subjectKeyOf('0915333001')}`;
  await db.manager.insert(IdempotencyKey, { id: randomUUID(), scope, key: 'retry-key-1', requestHash: 'x'.repeat(64), resultId: done.id });
  const requests = (n: number) => ({ 'refused-applicants': 0, 'former-members': 0, 'access-codes': 0, 'handled-requests': n, 'access-log': 0 });

  const before = await db.manager.findBy(PersonalDataRequest, { id: In([done.id, refused.id]) });

  expect((await run(db, 'teams', at('2027-02-28'))).erased).toEqual(requests(0));
  expect((await run(db, 'teams', at('2027-03-02'), 1)).erased).toEqual(requests(2));
  expect((await run(db, 'teams', at('2027-03-02'))).erased).toEqual(requests(0));

  for (const request of before) {
    expect(request).toMatchObject({ handledBy: 'officer-xa', handledAt, outcomeReason: 'Đã thực hiện' });
    expect(await db.manager.findOneByOrFail(PersonalDataRequest, { id: request.id })).toEqual({ ...request, subjectKey: null, details: null });
  }
  expect(await db.manager.countBy(IdempotencyKey, { scope })).toBe(0);
  // Read straight from the tables: nothing leads from the handled requests to the people.
  const raw = JSON.stringify([await db.manager.query('SELECT * FROM personal_data_request'), await db.manager.query('SELECT * FROM idempotency_key')]);
  for (const phone of ['0915333001', '0915333002']) expect([raw.includes(subjectKeyOf(phone)), raw.includes(phone)]).toEqual([false, false]);
  expect(await db.manager.findOneByOrFail(PersonalDataRequest, { id: restricting.id })).toMatchObject({ subjectKey: subjectKeyOf('0915333003') });
  expect(await db.manager.findOneByOrFail(PersonalDataRequest, { id: waiting.id })).toMatchObject({ subjectKey: subjectKeyOf('0915333004') });
});

it('teams: the period of handled requests is a setting (3 months instead of 12)', async () => {
  const db = await databaseOf(teams);
  const { commune } = await fakeTwoTierTree(db);
  const request = await fakePersonalDataRequest(db, commune, { phone: '0915333011', status: PersonalDataRequestStatus.DONE, handledBy: 'officer-xa', handledAt: at('2026-03-10') });
  const settings = { RETENTION_HANDLED_REQUEST_MONTHS: '3' };
  expect((await run(db, 'teams', at('2026-06-09'), 200, settings)).erased['handled-requests']).toBe(0);
  expect((await run(db, 'teams', at('2026-06-11'))).erased['handled-requests']).toBe(0);
  expect((await run(db, 'teams', at('2026-06-11'), 200, settings)).erased['handled-requests']).toBe(1);
  expect(await db.manager.findOneByOrFail(PersonalDataRequest, { id: request.id })).toMatchObject({ subjectKey: null });
});
