import { In, IsNull } from 'typeorm';
import { Role, type HubClaims } from './common/auth';
import { AuditEntry } from './common/audit';
import { OutboxEvent, recordEvent, relayOutbox } from './common/outbox';
import { Database } from './common/database';
import type { SubgraphDefinition } from './common/server';
import { startSubgraphProcess, type SubgraphProcess } from './common/testing/processes';
import { freshTestDatabaseUrl } from './common/testing/database';
import { EnvReader } from './common/env';
import { readKeyRing, useKeyRing } from './common/personal-data';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV, type OperationResult } from './common/testing/subgraph';
import { events } from './events';
import { ApplicationStatus, ContestPrize, StallApplication } from './events/entities';
import { fakeCategory, fakeContest, fakeEntry, fakeEvent } from './events/testing/factories';
import { partners } from './partners';
import { Onboarding } from './partners/entities';
import { fakePartner } from './partners/testing/factories';
import { resources } from './resources';
import { Allocation, BudgetRevision, Expense, ExpenseStatus, PlannedShift, Receipt, ShiftSignup, Sponsor, SponsorContact, TeamFundRules, VolunteerShift } from './resources/entities';
import { fakeCashReceipt, fakeGiftLot, fakePendingHours, fakePlannedShift, fakePledge, fakeProgramme, fakeSponsor, fakeVolunteer } from './resources/testing/factories';
import { teams } from './teams';
import { AdministrativeUnit, Affiliation, Member, MemberRole, MembershipRequest, MembershipRequestKind, MembershipRequestStatus, Nomination, ProposalStatus, RewardProposal } from './teams/entities';
import { fakeCampaign, fakeMember, fakeProposal, fakeTeam, fakeTwoTierTree } from './teams/testing/factories';
import { GIVEN_CONSENT } from './common/testing/consent';

/**
 * Issue 14: every invariant-protected write, sent concurrently with idempotency keys to two
 * processes of each subgraph on one database, and the invariant checked in the database
 * afterwards. Only MySQL/MariaDB runs writes in parallel; SQLite runs one write transaction at
 * a time, so there this suite has nothing to prove.
 */
const onMysql = Boolean(process.env.TEST_DATABASE_URL);
const SUBGRAPHS: SubgraphDefinition[] = [teams, resources, partners, events];

if (!onMysql) {
  describe('invariants under concurrency, across two processes', () => {
    it.skip('needs MariaDB or MySQL: set TEST_DATABASE_URL (SQLite runs one write transaction at a time)', () => undefined);
  });
} else {
  describe('invariants under concurrency, across two processes of each subgraph on one database', () => {
    const dbs: Record<string, Database> = {};
    let processes: SubgraphProcess[] = [];

    beforeAll(async () => {
      // This process reads and writes the rows the subgraph processes seal: with their keys.
      const keys = new EnvReader(TEST_PERSONAL_DATA_ENV);
      useKeyRing(readKeyRing(keys, false));
      keys.done();
      const environments: Record<string, NodeJS.ProcessEnv> = {};
      await Promise.all(
        SUBGRAPHS.map(async (definition) => {
          const url = await freshTestDatabaseUrl(`${definition.name}_concurrency`);
          // Migrated here, once: two processes starting on an empty database would race to migrate it.
          dbs[definition.name] = await Database.open({ url, entities: definition.entities, migrations: definition.migrations });
          await dbs[definition.name].migrate();
          environments[definition.name] = { PORT: '0', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false' };
        }),
      );
      processes = await Promise.all([startSubgraphProcess(environments), startSubgraphProcess(environments)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all(processes.map((child) => child.stop()));
      await Promise.all(Object.values(dbs).map((db) => db.close()));
    });

    /** Sends the i-th request to one process or the other, alternately. */
    const across = (index: number, subgraph: string, query: string, variables: Record<string, unknown>, as?: HubClaims) =>
      processes[index % 2].execute(subgraph, query, variables, as);
    const succeeded = (results: OperationResult<unknown>[]) => results.filter((result) => !result.errors);

    async function place() {
      const tree = await fakeTwoTierTree(dbs.teams);
      const commune = { unitCode: tree.commune.code, unitPath: tree.commune.path };
      const officer: HubClaims = { sub: 'officer', roles: [Role.OFFICER], units: [tree.commune.code] };
      const otherOfficer: HubClaims = { sub: 'other-officer', roles: [Role.OFFICER], units: [tree.commune.code] };
      return { tree, commune, officer, otherOfficer };
    }

    it('issues no more stock than a lot holds (30 keyed allocations of 5 from 50, some keys sent twice)', async () => {
      const { commune, officer } = await place();
      const programme = await fakeProgramme(dbs.resources, commune);
      const gift = await fakeGiftLot(dbs.resources, programme, 50);
      const ALLOCATE = `mutation ($input: AllocationInput!) { allocateGift(input: $input) { id } }`;
      const input = (key: number) => ({ giftId: gift.id, quantity: 5, recipientKind: 'TEAM', recipientId: 'team-1', issuedOn: '2025-10-05', idempotencyKey: `stock-key-${key}` });
      // Keys 0–29 alternate between the processes; keys 0–5 are sent again to the other one at once.
      const requests = [...Array.from({ length: 30 }, (_, key) => key), 0, 1, 2, 3, 4, 5].map((key, index) =>
        across(index, 'resources', ALLOCATE, { input: input(key) }, officer),
      );
      const results = await Promise.all(requests);

      expect(await dbs.resources.manager.sum(Allocation, 'quantity', { giftId: gift.id })).toBe(50);
      expect(await dbs.resources.manager.countBy(Allocation, { giftId: gift.id })).toBe(10);
      for (const refused of results.filter((result) => result.errors)) expect(refused.errors![0].extensions).toMatchObject({ field: 'quantity' });
      // A retry answers what its key's first request did: the same allocation, or the same refusal.
      for (const key of [0, 1, 2, 3, 4, 5]) {
        expect(JSON.stringify(results[30 + key].data)).toBe(JSON.stringify(results[key].data));
      }
    });

    it('hands a prize over once, from its lot, whichever process asks (12 keyed hand-overs of 3 prizes of one lot with 2 tablets)', async () => {
      const { commune, officer } = await place();
      const programme = await fakeProgramme(dbs.resources, commune);
      const gift = await fakeGiftLot(dbs.resources, programme, 2);
      const event = await fakeEvent(dbs.events, commune);
      const { contest, prizes } = await fakeContest(dbs.events, event, {}, 3);
      for (const [rank, prize] of prizes.entries()) {
        await dbs.events.manager.update(ContestPrize, { id: prize.id }, { giftId: gift.id });
        await fakeEntry(dbs.events, contest, { teamId: `team-${rank}`, score: 90 - rank });
      }
      const HAND_OVER = `mutation ($input: HandOverPrizeInput!) { handOverPrize(input: $input) { id } }`;
      // Each prize under four keys, the keys alternating between the processes.
      const requests = Array.from({ length: 12 }, (_, index) =>
        across(index, 'resources', HAND_OVER, { input: { prizeId: prizes[index % 3].id, issuedOn: '2025-11-20', idempotencyKey: `prize-key-${index}` } }, officer),
      );
      const results = await Promise.all(requests);

      const allocations = await dbs.resources.manager.findBy(Allocation, { giftId: gift.id });
      expect(allocations).toHaveLength(2);
      expect(new Set(allocations.map((allocation) => allocation.prizeId)).size).toBe(2);
      expect(succeeded(results)).toHaveLength(2);
      for (const refused of results.filter((result) => result.errors)) expect(refused.errors![0].extensions).toMatchObject({ field: expect.stringMatching(/^(prizeId|quantity)$/) });
    });

    it('numbers receipts without gaps or repeats, once per key, and records none against a pledge once cancelled', async () => {
      const { commune, officer } = await place();
      const programme = await fakeProgramme(dbs.resources, commune);
      const sponsor = await fakeSponsor(dbs.resources, commune);
      const pledge = await fakePledge(dbs.resources, programme, sponsor, { amount: 10_000_000 });
      const CASH = `mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id receiptNumber } }`;
      const CANCEL = `mutation ($id: ID!) { cancelPledge(id: $id) { id } }`;
      const cash = (key: number, pledged: boolean) => ({
        input: { programmeId: programme.id, receivedOn: '2026-01-05', amount: '500000', method: 'CASH', idempotencyKey: `cash-key-${key}`, ...(pledged ? { pledgeId: pledge.id } : {}) },
      });
      const keys = Array.from({ length: 20 }, (_, key) => key);
      const requests = [
        ...keys.map((key, index) => across(index, 'resources', CASH, cash(key, key % 2 === 0), officer)),
        ...[1, 3, 5, 7].map((key, index) => across(index + 1, 'resources', CASH, cash(key, false), officer)),
        across(1, 'resources', CANCEL, { id: pledge.id }, officer),
      ];
      const results = await Promise.all(requests);
      expect(results.at(-1)!.errors).toBeUndefined();

      const receipts = await dbs.resources.manager.findBy(Receipt, { unitCode: programme.unitCode, year: 2026 });
      expect(receipts.map((receipt) => receipt.number).sort((a, b) => a - b)).toEqual(receipts.map((_, index) => index + 1));
      // One receipt per key answered: the odd keys always (their retries replay), the even ones until the pledge was cancelled.
      expect(receipts).toHaveLength(new Set(succeeded(results.slice(0, -1)).map((result) => JSON.stringify(result.data))).size);
      for (const key of [1, 3, 5, 7]) expect(results[20 + [1, 3, 5, 7].indexOf(key)].data).toEqual(results[key].data);
      const cancelled = await dbs.resources.manager.findOneByOrFail(AuditEntry, { action: 'cancelPledge', entityId: pledge.id });
      const fulfilling = await dbs.resources.manager.findBy(AuditEntry, { action: 'recordCashDonation', entityId: In(receipts.filter((receipt) => receipt.pledgeId).map((receipt) => receipt.id)) });
      for (const entry of fulfilling) expect(entry.at.getTime()).toBeLessThanOrEqual(cancelled.at.getTime());
    });

    it('adds one sponsor and one contact per key when a double submit reaches both processes', async () => {
      const { commune, officer } = await place();
      const CREATE = `mutation ($input: CreateSponsorInput!) { createSponsor(input: $input) { id } }`;
      const ADD = `mutation ($id: ID!, $input: SponsorContactInput!, $key: String) { addSponsorContact(sponsorId: $id, input: $input, idempotencyKey: $key) { id } }`;
      const keys = [0, 1, 2, 3, 4, 5];
      const twice = <T>(send: (index: number) => Promise<T>) => Promise.all([send(0), send(1)]);
      const created = await Promise.all(
        keys.map((key) => twice((index) => across(index, 'resources', CREATE, { input: { unitCode: commune.unitCode, kind: 'ORGANISATION', name: `Công ty gửi hai lần ${key}`, idempotencyKey: `sponsor-twice-${key}` } }, officer))),
      );
      for (const pair of created) {
        expect(succeeded(pair)).toHaveLength(2);
        expect(pair[0].data).toEqual(pair[1].data);
      }
      expect(await dbs.resources.manager.countBy(Sponsor, { unitCode: commune.unitCode })).toBe(keys.length);

      const sponsorId = (created[0][0].data as { createSponsor: { id: string } }).createSponsor.id;
      const added = await Promise.all(
        keys.map((key) => twice((index) => across(index, 'resources', ADD, { id: sponsorId, input: { fullName: `Người liên hệ ${key}` }, key: `contact-twice-${key}` }, officer))),
      );
      for (const pair of added) expect(pair[0].data).toEqual(pair[1].data);
      expect(await dbs.resources.manager.countBy(SponsorContact, { sponsorId })).toBe(keys.length);
    });

    it('never approves spending beyond the programme’s cash, whichever process approves, and decides once per key sent to both', async () => {
      const { commune, officer, otherOfficer } = await place();
      const programme = await fakeProgramme(dbs.resources, commune);
      await fakeCashReceipt(dbs.resources, programme, 1_000_000);
      const expenses = await dbs.resources.manager.save(
        Array.from({ length: 8 }, () =>
          dbs.resources.manager.create(Expense, {
            programmeId: programme.id,
            budgetLineId: null,
            amount: 300_000,
            spentOn: '2025-10-03',
            description: 'Thuê loa',
            evidence: 'HĐ 0012345',
            status: ExpenseStatus.PENDING,
            recordedBy: officer.sub,
            decidedBy: null,
          }),
        ),
      );
      const DECIDE = `mutation ($id: ID!, $key: String) { decideExpense(id: $id, approve: true, idempotencyKey: $key) { id status } }`;
      // Each decision is sent to both processes at once under one key (a double tap, a resend after a lost answer).
      const results = await Promise.all(
        [...expenses, ...expenses].map(({ id }, index) => across(index + Math.floor(index / expenses.length), 'resources', DECIDE, { id, key: `decide-${id}` }, otherOfficer)),
      );
      expect(succeeded(results)).toHaveLength(6);
      expect(await dbs.resources.manager.sum(Expense, 'amount', { programmeId: programme.id, status: ExpenseStatus.APPROVED })).toBe(900_000);
      expenses.forEach((_, index) => expect(JSON.stringify(results[expenses.length + index].data)).toBe(JSON.stringify(results[index].data)));
      expect(await dbs.resources.manager.countBy(AuditEntry, { action: 'decideExpense', entityId: In(expenses.map(({ id }) => id)) })).toBe(3);
    });

    it('approves a budget estimate once, and keeps revisions numbered one after another, whichever process is asked', async () => {
      const { commune, officer, otherOfficer } = await place();
      const programme = await fakeProgramme(dbs.resources, commune);
      const REVISE = `mutation ($input: ReviseBudgetInput!) { reviseBudget(input: $input) { number } }`;
      const line = { side: 'EXPENSE', item: 'Thuê loa đài', unit: 'buổi', unitPrice: '500000', quantity: 2 };
      const revisions = await Promise.all(
        Array.from({ length: 6 }, (_, index) => across(index, 'resources', REVISE, { input: { programmeId: programme.id, reason: `Lần ${index}`, budget: [{ ...line, quantity: index + 1 }] } }, officer)),
      );
      expect(succeeded(revisions)).toHaveLength(6);
      expect((await dbs.resources.manager.find(BudgetRevision, { where: { programmeId: programme.id }, order: { number: 'ASC' } })).map(({ number }) => number)).toEqual([1, 2, 3, 4, 5, 6]);
      const APPROVE = `mutation ($input: ApproveBudgetInput!) { approveBudget(input: $input) { id } }`;
      const approvals = await Promise.all(Array.from({ length: 4 }, (_, index) => across(index, 'resources', APPROVE, { input: { programmeId: programme.id } }, otherOfficer)));
      expect(succeeded(approvals)).toHaveLength(1);
      expect(approvals.filter((result) => result.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(3);
      expect(await dbs.resources.manager.countBy(AuditEntry, { action: 'approveBudget', entityId: programme.id })).toBe(1);
    });

    it('numbers a team’s fund rules one version after another, whichever process is asked, a retried key written once', async () => {
      const { tree, officer } = await place();
      const { team } = await fakeTeam(dbs.teams, tree.village);
      const ADOPT = `mutation ($input: TeamFundRulesInput!) { adoptTeamFundRules(input: $input) { version } }`;
      const input = (index: number) => ({ teamId: team.id, rules: `Mỗi thành viên đóng ${index + 1}0.000 đồng mỗi quý`, adoptedOn: '2025-06-01', idempotencyKey: `fund-rules-${index}` });
      // Four writes, each sent once to each process: a write that loses the race for a version number runs again.
      const results = await Promise.all([0, 1, 2, 3, 0, 1, 2, 3].map((index, order) => across(order, 'resources', ADOPT, { input: input(index) }, officer)));
      expect(succeeded(results)).toHaveLength(8);
      const versions = await dbs.resources.manager.find(TeamFundRules, { where: { teamId: team.id }, order: { version: 'ASC' } });
      expect(versions.map(({ version }) => version)).toEqual([1, 2, 3, 4]);
      results.slice(0, 4).forEach((result, index) => expect(results[4 + index].data).toEqual(result.data));
      expect(await dbs.resources.manager.countBy(AuditEntry, { action: 'adoptTeamFundRules', entityId: In(versions.map(({ id }) => id)) })).toBe(4);
    });

    it('signs up no more volunteers than a shift takes, one place each, and decides logged hours once', async () => {
      const { commune, officer, otherOfficer } = await place();
      const programme = await fakeProgramme(dbs.resources, commune);
      const shift = await fakePlannedShift(dbs.resources, programme, { capacity: 4 });
      const volunteers = await Promise.all(Array.from({ length: 10 }, () => fakeVolunteer(dbs.resources, commune)));
      const SIGN_UP = `mutation ($id: ID!) { signUpForShift(shiftId: $id) { id } }`;
      const as = (volunteer: { id: string }): HubClaims => ({ sub: `volunteer-${volunteer.id}`, roles: [Role.VOLUNTEER], volunteer: volunteer.id });
      // Each volunteer twice, once through each process: a retry keeps one place.
      const results = await Promise.all([...volunteers, ...volunteers].map((volunteer, index) => across(index, 'resources', SIGN_UP, { id: shift.id }, as(volunteer))));
      const places = await dbs.resources.manager.findBy(ShiftSignup, { shiftId: shift.id });
      expect(places).toHaveLength(4);
      expect(new Set(places.map((held) => held.volunteerId)).size).toBe(4);
      expect((await dbs.resources.manager.findOneByOrFail(PlannedShift, { id: shift.id })).signedUp).toBe(4);
      for (const refused of results.filter((result) => result.errors)) expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });

      const hours = await fakePendingHours(dbs.resources, programme, volunteers[0]);
      const DECIDE = `mutation ($id: ID!, $decision: HoursDecision!, $reason: String) { decideVolunteerHours(id: $id, decision: $decision, reason: $reason) { status } }`;
      const decisions = await Promise.all(
        [officer, otherOfficer, officer, otherOfficer].map((caller, index) =>
          across(index, 'resources', DECIDE, { id: hours.id, decision: index % 2 ? 'DECLINE' : 'APPROVE', reason: 'Trùng giờ' }, caller),
        ),
      );
      const decided = succeeded(decisions) as OperationResult<{ decideVolunteerHours: { status: string } }>[];
      expect(decided).toHaveLength(1);
      expect((await dbs.resources.manager.findOneByOrFail(VolunteerShift, { id: hours.id })).status).toBe(decided[0].data!.decideVolunteerHours.status);
    });

    it('books each stall of a category once and no more stalls than it has', async () => {
      const { commune } = await place();
      const event = await fakeEvent(dbs.events, commune);
      const { category } = await fakeCategory(dbs.events, event, { capacity: 5 });
      const APPLY = `mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id status } }`;
      const application = (key: number) => ({
        input: {
          categoryId: category.id,
          exhibitorKind: 'HOUSEHOLD',
          exhibitorName: `Hộ kinh doanh ${key}`,
          contactName: 'Người liên hệ',
          contactPhone: `09770${String(key).padStart(5, '0')}`,
          offering: 'Chè Shan tuyết',
          idempotencyKey: `stall-key-${key}`,
          consent: GIVEN_CONSENT,
        },
      });
      const keys = [...Array.from({ length: 12 }, (_, key) => key), 0, 1, 2];
      const results = await Promise.all(keys.map((key, index) => across(index, 'events', APPLY, application(key))));
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);

      const applications = await dbs.events.manager.findBy(StallApplication, { categoryId: category.id });
      expect(applications).toHaveLength(12);
      const approved = applications.filter((candidate) => candidate.status === ApplicationStatus.APPROVED);
      expect(approved).toHaveLength(5);
      expect(new Set(approved.map((candidate) => candidate.stallId)).size).toBe(5);
      expect(applications.filter((candidate) => candidate.status === ApplicationStatus.WAITLISTED)).toHaveLength(7);
    });

    it('nominates no more members than the province’s places, once per key, and decides a reward proposal once', async () => {
      const { tree } = await place();
      const campaign = await fakeCampaign(dbs.teams, tree.province, { nominationsPerProvince: 2 });
      const { team } = await fakeTeam(dbs.teams, tree.village);
      const { team: otherTeam } = await fakeTeam(dbs.teams, tree.otherCommune);
      const members = [...(await Promise.all(Array.from({ length: 4 }, () => fakeMember(dbs.teams, team)))), ...(await Promise.all(Array.from({ length: 4 }, () => fakeMember(dbs.teams, otherTeam))))];
      const provinceOfficers: HubClaims[] = ['province-officer', 'other-province-officer'].map((sub) => ({ sub, roles: [Role.OFFICER], units: [tree.province.code] }));
      const NOMINATE = `mutation ($input: NominationInput!) { nominateMember(input: $input) { id place } }`;
      const input = (index: number) => ({ campaignId: campaign.id, memberId: members[index].id, achievements: 'Hướng dẫn người dân cài đặt VNeID', idempotencyKey: `nomination-key-${index}` });
      // Eight members from two communes at once, through both processes; the first two keys sent again by the same officer.
      const results = await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7, 0, 1].map((index, order) => across(order, 'teams', NOMINATE, { input: input(index) }, provinceOfficers[index % 2])),
      );
      const nominated = await dbs.teams.manager.findBy(Nomination, { campaignId: campaign.id });
      expect(nominated.map((nomination) => nomination.place).sort()).toEqual([1, 2]);
      expect(new Set(nominated.map((nomination) => nomination.memberId)).size).toBe(2);
      for (const refused of results.filter((result) => result.errors)) expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', limit: 2 });
      // A retry answers what its key's first request did: the same nomination, or the same refusal.
      for (const key of [0, 1]) expect([results[8 + key].data, results[8 + key].errors?.[0].message]).toEqual([results[key].data, results[key].errors?.[0].message]);

      // A place freed by a withdrawal, raced for by the members left out while it is withdrawn: still two places, each once.
      const [withdrawn] = nominated;
      const nominator = provinceOfficers.find((officer) => officer.sub === withdrawn.nominatedBy)!;
      const WITHDRAW = `mutation ($id: ID!, $key: String) { withdrawNomination(id: $id, idempotencyKey: $key) }`;
      const waiting = [0, 1, 2, 3, 4, 5, 6, 7].filter((index) => !nominated.some((nomination) => nomination.memberId === members[index].id));
      const raced = await Promise.all([
        across(0, 'teams', WITHDRAW, { id: withdrawn.id, key: 'withdraw-nomination' }, nominator),
        ...waiting.map((index, order) => across(order + 1, 'teams', NOMINATE, { input: { ...input(index), idempotencyKey: `nomination-again-${index}` } }, provinceOfficers[index % 2])),
      ]);
      expect(raced[0].errors).toBeUndefined();
      const after = await dbs.teams.manager.findBy(Nomination, { campaignId: campaign.id });
      expect(after.map((nomination) => nomination.place).sort()).toEqual(after.length === 2 ? [1, 2] : [nominated[1].place]);
      expect(after.some((nomination) => nomination.id === withdrawn.id)).toBe(false);
      expect(succeeded(raced.slice(1)).length).toBe(after.length - 1);

      const proposal = await fakeProposal(dbs.teams, tree.commune);
      const DECIDE = `mutation ($id: ID!, $decision: ProposalDecision!, $reason: String) { decideRewardProposal(id: $id, decision: $decision, reason: $reason) { status } }`;
      const decisions = await Promise.all(
        [0, 1, 2, 3].map((index) => across(index, 'teams', DECIDE, { id: proposal.id, decision: index % 2 ? 'DECLINE' : 'APPROVE', reason: 'Chưa đủ tiêu chuẩn' }, provinceOfficers[index % 2])),
      );
      const decided = succeeded(decisions) as OperationResult<{ decideRewardProposal: { status: ProposalStatus } }>[];
      expect(decided).toHaveLength(1);
      expect((await dbs.teams.manager.findOneByOrFail(RewardProposal, { id: proposal.id })).status).toBe(decided[0].data!.decideRewardProposal.status);

      // The national level: a nomination decided once, crossing its withdrawal; an approved proposal sent on once, decided there once.
      const nationalOfficers: HubClaims[] = ['national-officer', 'other-national-officer'].map((sub) => ({ sub, roles: [Role.OFFICER], units: ['VN'] }));
      const [kept] = after;
      const DECIDE_NOMINATION = `mutation ($id: ID!, $decision: NominationDecision!, $reason: String) { decideNomination(id: $id, decision: $decision, reason: $reason) { nationalDecision } }`;
      const selections = await Promise.all([
        across(0, 'teams', WITHDRAW, { id: kept.id }, provinceOfficers.find((officer) => officer.sub === kept.nominatedBy)!),
        ...[1, 2, 3, 4].map((index) => across(index, 'teams', DECIDE_NOMINATION, { id: kept.id, decision: index % 2 ? 'NOT_SELECTED' : 'SELECTED', reason: 'Chưa đủ tiêu chí' }, nationalOfficers[index % 2])),
      ]);
      // One of the five: the withdrawal (the row gone) or one decision (the row holds it).
      expect(succeeded(selections)).toHaveLength(1);
      const [withdrawal, ...onIt] = selections;
      const stillThere = await dbs.teams.manager.findOneBy(Nomination, { id: kept.id });
      if (!withdrawal.errors) expect(stillThere).toBeNull();
      else expect(stillThere?.nationalDecision).toBe((succeeded(onIt)[0].data as { decideNomination: { nationalDecision: string } }).decideNomination.nationalDecision);

      const approved = await fakeProposal(dbs.teams, tree.commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' });
      const SEND = `mutation ($id: ID!) { sendRewardProposalToNation(id: $id) { nationalStatus } }`;
      expect(succeeded(await Promise.all([0, 1, 2, 3].map((index) => across(index, 'teams', SEND, { id: approved.id }, provinceOfficers[index % 2]))))).toHaveLength(1);
      const nationally = await Promise.all(
        [0, 1, 2, 3].map((index) => across(index, 'teams', DECIDE, { id: approved.id, decision: index % 2 ? 'DECLINE' : 'APPROVE', reason: 'Chưa đủ tiêu chuẩn' }, nationalOfficers[index % 2])),
      );
      expect(succeeded(nationally)).toHaveLength(1);
      const winner = nationally.findIndex((result) => !result.errors);
      expect((await dbs.teams.manager.findOneByOrFail(RewardProposal, { id: approved.id })).nationalStatus).toBe(winner % 2 ? ProposalStatus.DECLINED : ProposalStatus.APPROVED);
    });

    it('keeps a team within its member limit and each phone on its roster once', async () => {
      const { tree } = await place();
      await dbs.teams.manager.update(AdministrativeUnit, { code: tree.village.code }, { memberLimit: 4 });
      const { team } = await fakeTeam(dbs.teams, tree.village);
      const phones = [...Array.from({ length: 8 }, (_, index) => `09780${String(index).padStart(5, '0')}`), '0978000000'];
      const requests = await dbs.teams.manager.save(
        phones.map((phone, index) =>
          dbs.teams.manager.create(MembershipRequest, {
            kind: MembershipRequestKind.JOIN,
            status: MembershipRequestStatus.RECOMMENDED,
            teamId: team.id,
            applicantName: `Người ${index}`,
            applicantPhone: phone,
            affiliation: Affiliation.RESIDENT,
            requestedRole: MemberRole.MEMBER,
          }),
        ),
      );
      const chairman: HubClaims = { sub: 'chairman', roles: [Role.OFFICER], units: [tree.commune.code] };
      const DECIDE = `mutation ($id: ID!) { decideMembershipRequest(id: $id, approve: true) { id } }`;
      const results = await Promise.all(requests.map(({ id }, index) => across(index, 'teams', DECIDE, { id }, chairman)));
      expect(results.flatMap((result) => result.errors?.map((error) => error.extensions?.code) ?? [])).toEqual(['CONFLICT']);

      const roster = await dbs.teams.manager.findBy(Member, { teamId: team.id, leftOn: IsNull() });
      expect(roster).toHaveLength(1 + 8);
      expect(roster.filter((member) => member.role !== MemberRole.COLLABORATOR)).toHaveLength(4);
    });

    it('decides each request to join once when the chairman’s approval reaches both processes under one key', async () => {
      const { tree } = await place();
      const { team } = await fakeTeam(dbs.teams, tree.village);
      const requests = await dbs.teams.manager.save(
        Array.from({ length: 6 }, (_, index) =>
          dbs.teams.manager.create(MembershipRequest, {
            kind: MembershipRequestKind.JOIN,
            status: MembershipRequestStatus.RECOMMENDED,
            teamId: team.id,
            applicantName: `Người gửi lại ${index}`,
            applicantPhone: `09790${String(index).padStart(5, '0')}`,
            affiliation: Affiliation.RESIDENT,
            requestedRole: MemberRole.MEMBER,
          }),
        ),
      );
      const chairman: HubClaims = { sub: 'chairman', roles: [Role.OFFICER], units: [tree.commune.code] };
      const DECIDE = `mutation ($id: ID!, $key: String) { decideMembershipRequest(id: $id, approve: true, idempotencyKey: $key) { id status member { id } } }`;
      // Each approval is sent to both processes at once under one key (a double tap, a resend after a lost answer).
      const results = await Promise.all(
        [...requests, ...requests].map(({ id }, index) => across(index + Math.floor(index / requests.length), 'teams', DECIDE, { id, key: `approve-${id}` }, chairman)),
      );
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
      requests.forEach((_, index) => expect(JSON.stringify(results[requests.length + index].data)).toBe(JSON.stringify(results[index].data)));
      expect(await dbs.teams.manager.countBy(Member, { teamId: team.id, leftOn: IsNull() })).toBe(1 + requests.length);
      expect(await dbs.teams.manager.countBy(AuditEntry, { action: 'decideMembershipRequest', entityId: In(requests.map(({ id }) => id)) })).toBe(requests.length);
    });

    it('keeps every subtree total exact when communes merge while their teams report, and merges once per key', async () => {
      const { tree } = await place();
      const admin: HubClaims = { sub: 'admin', roles: [Role.ADMIN] };
      const teamsThere = await Promise.all([1, 2, 3].map(() => fakeTeam(dbs.teams, tree.otherCommune).then(({ team }) => team)));
      const SUBMIT = `mutation ($input: ActivityReportInput!) { submitActivityReport(input: $input) { id } }`;
      const MERGE = `mutation ($input: MergeUnitsInput!) { mergeAdministrativeUnits(input: $input) { code } }`;
      const merge = { input: { code: tree.otherCommune.code, intoCode: tree.commune.code, idempotencyKey: `merge-${tree.otherCommune.code}` } };
      const reports = teamsThere.flatMap((team) => ['2025-08', '2025-09'].map((month) => ({ input: { teamId: team.id, month, figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 7 }] } })));
      const results = await Promise.all([
        ...reports.map((variables, index) => across(index, 'teams', SUBMIT, variables, admin)),
        across(0, 'teams', MERGE, merge, admin),
        across(1, 'teams', MERGE, merge, admin),
      ]);
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);

      expect(await dbs.teams.manager.countBy(AuditEntry, { action: 'mergeAdministrativeUnits', entityId: tree.otherCommune.code })).toBe(1);
      for (const code of [tree.commune.code, tree.province.code]) {
        for (const month of ['2025-08', '2025-09']) {
          const [total] = await dbs.teams.manager.query('SELECT reports, householdVisits FROM unit_month_total WHERE unitCode = ? AND month = ?', [code, month]);
          expect({ code, month, reports: Number(total.reports), visits: Number(total.householdVisits) }).toEqual({ code, month, reports: 3, visits: 21 });
        }
      }
      expect(await dbs.teams.manager.query('SELECT * FROM unit_month_total WHERE unitCode = ?', [tree.otherCommune.code])).toEqual([]);
    });

    it('writes a monthly report once when the phone sends it again with its key while the first is still running', async () => {
      const { tree } = await place();
      const { team } = await fakeTeam(dbs.teams, tree.village);
      const leader: HubClaims = { sub: 'leader', roles: [Role.TEAM_LEADER], team: team.id };
      const SUBMIT = `mutation ($input: ActivityReportInput!) { submitActivityReport(input: $input) { id revision } }`;
      const input = { teamId: team.id, month: '2025-09', figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 12 }], idempotencyKey: 'report-resent-1' };
      const results = await Promise.all(Array.from({ length: 6 }, (_, index) => across(index, 'teams', SUBMIT, { input }, leader)));
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
      for (const result of results) expect(result.data).toEqual(results[0].data);
      expect(await dbs.teams.manager.countBy(AuditEntry, { action: 'submitActivityReport', entityId: (results[0].data as { submitActivityReport: { id: string } }).submitActivityReport.id })).toBe(1);
      const [total] = await dbs.teams.manager.query('SELECT reports, householdVisits FROM unit_month_total WHERE unitCode = ? AND month = ?', [tree.village.code, '2025-09']);
      expect({ reports: Number(total.reports), visits: Number(total.householdVisits) }).toEqual({ reports: 1, visits: 12 });
    });

    it('writes a re-sent batch once, however often and wherever it is re-sent at once', async () => {
      const { tree } = await place();
      const { team } = await fakeTeam(dbs.teams, tree.village);
      const { partner, wallet } = await fakePartner(dbs.partners);
      const staff: HubClaims = { sub: 'partner-staff', roles: [Role.PARTNER], partner: partner.id };
      const LOG = `mutation ($input: LogOnboardingsInput!) { logOnboardings(input: $input) { created replayed rows { id } } }`;
      const rows = Array.from({ length: 5 }, (_, index) => ({
        idempotencyKey: `onboarding-${index}`,
        platformId: wallet.id,
        onboardeeKind: 'HOUSEHOLD',
        name: `Hộ ${index}`,
        teamId: team.id,
        onboardedOn: '2025-10-05',
        consent: GIVEN_CONSENT,
      }));
      const results = await Promise.all(Array.from({ length: 6 }, (_, index) => across(index, 'partners', LOG, { input: { partnerId: partner.id, onboardings: rows } }, staff)));
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
      expect(await dbs.partners.manager.countBy(Onboarding, { partnerId: partner.id })).toBe(5);
      const answers = results.map((result) => result.data!.logOnboardings as { created: number; rows: { id: string }[] });
      expect(answers.reduce((sum, answer) => sum + answer.created, 0)).toBe(5);
      for (const answer of answers) expect(answer.rows).toEqual(answers[0].rows);
    });

    it('numbers the outbox once and without gaps while both processes and this one relay it, a batch at a time', async () => {
      const db = dbs.teams;
      let recording = true;
      // The two processes relay every half second; this one keeps relaying in between.
      const relaying = (async () => {
        while (recording) await Promise.all([relayOutbox(db, 'teams'), new Promise((resolve) => setTimeout(resolve, 20))]);
      })();
      for (let round = 0; round < 15; round += 1) {
        await Promise.all(
          Array.from({ length: 10 }, (_, index) => db.transaction((manager) => recordEvent(manager, { type: 'test.relayed', version: 1, subject: `event-${round}-${index}`, payload: { round } }))),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      recording = false;
      await relaying;
      for (let attempt = 0; attempt < 50 && (await db.manager.countBy(OutboxEvent, { position: IsNull() })) > 0; attempt += 1) await relayOutbox(db, 'teams');
      expect(await db.manager.countBy(OutboxEvent, { position: IsNull() })).toBe(0);
      const positions = (await db.manager.find(OutboxEvent, { order: { position: 'ASC' } })).map((event) => Number(event.position));
      expect(positions.length).toBeGreaterThanOrEqual(150);
      expect(positions).toEqual(positions.map((_, index) => index + 1));
    });
  });
}
