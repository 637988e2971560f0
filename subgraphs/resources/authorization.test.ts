import { randomUUID } from 'node:crypto';
import { addDays, todayInVietnam } from '../common/dates';
import { callersOver, testAuthorizationMatrix } from '../common/testing/authorization';
import { createTestSubgraph, type TestSubgraph } from '../common/testing/subgraph';
import { resources } from '.';
import { resourcesAuthorization } from './authorization';
import { Allocation, AllocationCode, Receipt, BudgetLine, BudgetSide, Expense, PledgeInstalment, ExpenseStatus, RecipientKind, SponsorContact, SponsorInteraction, InteractionKind, VolunteerShift, type ShiftSignup, type Volunteer, type Gift, type Programme, type Sponsor } from './entities';
import { fakeCashReceipt, fakeGiftLot, fakePendingHours, fakePlannedShift, fakePledge, fakeProgramme, fakeSignup, fakeSponsor, fakeTree, fakeVolunteer } from './testing/factories';
import { dataSubjectField } from '../common/testing/data-subject';
import { fakeConsent } from '../common/testing/consent';
import { ConsentPurpose } from '../common/consent';
import { testPeers } from '../common/testing/peers';
import { events } from '../events';
import { ContestPrize } from '../events/entities';
import { fakeContest, fakeEntry, fakeEvent } from '../events/testing/factories';

const tree = fakeTree();
const otherTeamId = randomUUID();
tree.units.addTeam(otherTeamId, tree.otherCommune);
/** The volunteer records' own ids: VOLUNTEER tokens name them. */
const volunteerId = randomUUID();
const callers = callersOver({
  volunteerId,
  unitCode: tree.commune.unitCode,
  otherUnitCode: tree.otherCommune.unitCode,
  teamId: tree.teamId,
  otherTeamId,
  partnerId: randomUUID(),
  otherPartnerId: randomUUID(),
});

let subgraph: TestSubgraph;
/** The events subgraph, which says who organises the event of a prize handed over. */
let eventsSubgraph: TestSubgraph;
let programme: Programme;
let sponsor: Sponsor;
let gift: Gift;
let volunteer: Volunteer;
let sponsoredReceipt: Receipt;

beforeAll(async () => {
  const peers = testPeers({ events: () => eventsSubgraph });
  eventsSubgraph = await createTestSubgraph(events, tree.units, undefined, peers);
  subgraph = await createTestSubgraph(resources, tree.units, undefined, peers);
  const { manager } = subgraph.db;
  programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
  sponsor = await fakeSponsor(subgraph.db, tree.commune);
  await manager.save(manager.create(SponsorContact, { sponsorId: sponsor.id, fullName: 'Đỗ Văn Liên', position: null, phone: '0912345678', email: null }));
  await manager.save(manager.create(SponsorInteraction, { sponsorId: sponsor.id, kind: InteractionKind.MEETING, occurredOn: '2025-09-01', validUntil: null, summary: 'Gặp mặt' }));
  await fakePledge(subgraph.db, programme, sponsor, {}, [{ dueOn: '2025-09-30' }]);
  await manager.save(
    manager.create(SponsorInteraction, { sponsorId: sponsor.id, kind: InteractionKind.MEMORANDUM, occurredOn: '2025-09-01', validUntil: addDays(todayInVietnam(), 10), summary: 'Biên bản ghi nhớ' }),
  );
  // Cash on hand, so every allowed officer's approval of spending can succeed.
  sponsoredReceipt = await fakeCashReceipt(subgraph.db, programme, 100_000_000);
  await manager.update(Receipt, sponsoredReceipt.id, { sponsorId: sponsor.id });
  await fakePledge(subgraph.db, programme, sponsor);
  gift = await fakeGiftLot(subgraph.db, programme, 1000);
  // A lot with serials, one of them issued: its codes, and the allocation's, are the managers' only.
  const codedLot = await fakeGiftLot(subgraph.db, programme, 2, { codes: 'CODE-1\nCODE-2' });
  const codedAllocation = await manager.save(
    manager.create(Allocation, { giftId: codedLot.id, quantity: 1, recipientKind: RecipientKind.HOUSEHOLD, recipientId: null, household: 'Hộ bà Tư', issuedOn: '2025-09-21' }),
  );
  await manager.save(manager.create(AllocationCode, { giftId: codedLot.id, allocationId: codedAllocation.id, code: 'CODE-1' }));
  await manager.save(
    manager.create(Allocation, { giftId: gift.id, quantity: 1, recipientKind: RecipientKind.HOUSEHOLD, recipientId: null, household: 'Hộ ông Ba', issuedOn: '2025-09-21', issuedBy: 'test' }),
  );
  await anExpense();
  await manager.save(manager.create(BudgetLine, { programmeId: programme.id, side: BudgetSide.EXPENSE, position: 1, item: 'In tờ rơi', unit: 'tờ', unitPrice: 1_000, quantity: 500, note: null }));
  volunteer = await fakeVolunteer(subgraph.db, tree.village, { id: volunteerId, fullName: 'Vũ Thị Tình', phone: '0911000111', skills: 'livestream' });
  await fakePendingHours(subgraph.db, programme, volunteer);
  await fakeSignup(subgraph.db, await fakePlannedShift(subgraph.db, programme), volunteer);
  await manager.save(manager.create(VolunteerShift, { volunteerId: volunteer.id, programmeId: programme.id, workedOn: '2025-09-02', minutes: 120, activity: null }));
});
afterAll(async () => {
  await subgraph.close();
  await eventsSubgraph.close();
});

/** A prize of a contest at an event of the commune (organised by the subject `organiser`), from a lot of one tablet, and its winner. */
async function prizeToHandOver(): Promise<string> {
  const lot = await fakeGiftLot(subgraph.db, programme, 1);
  const event = await fakeEvent(eventsSubgraph.db, tree.commune);
  const { contest, prizes } = await fakeContest(eventsSubgraph.db, event, {}, 1);
  await eventsSubgraph.db.manager.update(ContestPrize, { id: prizes[0].id }, { giftId: lot.id });
  await fakeEntry(eventsSubgraph.db, contest, { teamId: tree.teamId, score: 80 });
  return prizes[0].id;
}

function anExpense(): Promise<Expense> {
  const { manager } = subgraph.db;
  return manager.save(
    manager.create(Expense, {
      programmeId: programme.id,
      budgetLineId: null,
      amount: 200_000,
      spentOn: '2025-09-10',
      description: 'In tờ rơi',
      evidence: 'HĐ 0001',
      status: ExpenseStatus.PENDING,
      decidedBy: null,
      recordedBy: 'test',
    }),
  );
}

const programmeField = (selection: string, value: (programme: any) => unknown) => ({
  operation: () => ({ query: `query ($id: ID!) { programme(id: $id) { ${selection} } }`, variables: { id: programme.id } }),
  value: (data: any) => value(data.programme),
});
/** A printable paper's query: the file it gives. */
const paperOf = (name: string, variables: () => Record<string, unknown>, parameters: string, args: string) => ({
  operation: () => ({ query: `query (${parameters}) { ${name}(${args}) { filename } }`, variables: variables() }),
  value: (data: any) => data[name]?.filename,
});
const sponsorField = (field: string) => ({
  operation: () => ({ query: `query ($id: ID!) { sponsor(id: $id) { ${field} { id } } }`, variables: { id: sponsor.id } }),
  value: (data: any) => data.sponsor?.[field],
});
const volunteerField = (selection: string) => ({
  operation: () => ({ query: `query ($code: String!) { volunteers(unitCode: $code) { id ${selection} } }`, variables: { code: tree.village.unitCode } }),
  value: (data: any) => data.volunteers?.find((found: any) => found.id === volunteer.id)?.[selection.split(' ')[0]],
});
const oneVolunteer = (selection: string) => ({
  operation: () => ({ query: `query ($id: ID!) { volunteer(id: $id) { ${selection} } }`, variables: { id: volunteer.id } }),
  value: (data: any) => data.volunteer?.[selection.split(' ')[0]],
});
/** A fresh shift under way, and the volunteer's place on it when `place` says so. */
async function shiftOperation(mutation: string, place?: Partial<ShiftSignup>) {
  const shift = await fakePlannedShift(subgraph.db, programme);
  if (place) await fakeSignup(subgraph.db, shift, volunteer, place);
  return { query: `mutation ($id: ID!) { ${mutation}(shiftId: $id) { id } }`, variables: { id: shift.id } };
}
const followUp = (selection: string, value: (followUp: any) => unknown) => ({
  operation: () => ({ query: `query ($code: String!) { pledgeFollowUp(unitCode: $code) { ${selection} } }`, variables: { code: tree.commune.unitCode } }),
  value: (data: any) => value(data.pledgeFollowUp),
});
const key = () => randomUUID();

testAuthorizationMatrix(resourcesAuthorization, {
  subgraph: () => subgraph,
  retries: { unkeyed: [] },
  callers: () => callers,
  probes: {
    mutations: {
      recordPledge: () => ({
        query: 'mutation ($input: PledgeInput!) { recordPledge(input: $input) { id } }',
        // In instalments, so the hostile-input table spoils their amounts and dates too.
        variables: {
          input: {
            programmeId: programme.id,
            sponsorId: sponsor.id,
            kind: 'CASH',
            amount: '5000000',
            instalments: [
              { amount: '2500000', dueOn: addDays(todayInVietnam(), 30) },
              { amount: '2500000', dueOn: addDays(todayInVietnam(), 60) },
            ],
            idempotencyKey: key(),
          },
        },
      }),
      cancelPledge: async () => ({
        query: 'mutation ($id: ID!) { cancelPledge(id: $id) { id } }',
        variables: { id: (await fakePledge(subgraph.db, programme, sponsor)).id },
      }),
      writeOffPledgeInstalment: async () => {
        const pledge = await fakePledge(subgraph.db, programme, sponsor);
        const instalment = await subgraph.db.manager.findOneByOrFail(PledgeInstalment, { pledgeId: pledge.id });
        return {
          query: 'mutation ($input: WriteOffInstalmentInput!) { writeOffPledgeInstalment(input: $input) { id } }',
          variables: { input: { instalmentId: instalment.id, idempotencyKey: key() } },
        };
      },
      recordCashDonation: () => ({
        query: 'mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id } }',
        variables: { input: { programmeId: programme.id, receivedOn: '2025-09-15', amount: '1000000', method: 'CASH', idempotencyKey: key() } },
      }),
      recordInKindDonation: () => ({
        query: 'mutation ($input: InKindDonationInput!) { recordInKindDonation(input: $input) { id } }',
        variables: {
          input: {
            programmeId: programme.id,
            receivedOn: '2025-09-15',
            idempotencyKey: key(),
            gifts: [{ itemKind: 'SIM_CARD', description: 'SIM 4G', quantity: 5, unitValue: '50000' }],
          },
        },
      }),
      allocateGift: () => ({
        query: 'mutation ($input: AllocationInput!) { allocateGift(input: $input) { id } }',
        variables: { input: { giftId: gift.id, quantity: 1, recipientKind: 'TEAM', recipientId: tree.teamId, issuedOn: '2025-09-22', idempotencyKey: key() } },
      }),
      handOverPrize: async () => ({
        query: 'mutation ($input: HandOverPrizeInput!) { handOverPrize(input: $input) { id } }',
        variables: { input: { prizeId: await prizeToHandOver(), issuedOn: '2025-11-20', idempotencyKey: key() } },
      }),
      withdrawGiftConsent: async () => {
        const { manager } = subgraph.db;
        const allocation = await manager.save(
          manager.create(Allocation, { giftId: gift.id, quantity: 1, recipientKind: RecipientKind.HOUSEHOLD, recipientId: null, household: 'Hộ bà Năm', issuedOn: '2025-09-21', issuedBy: 'test' }),
        );
        await fakeConsent(subgraph.db, allocation, ConsentPurpose.GIFT_DELIVERY, '0912000555');
        return { query: 'mutation ($id: ID!) { withdrawGiftConsent(allocationId: $id) { withdrawnAt } }', variables: { id: allocation.id } };
      },
      recordExpense: () => ({
        query: 'mutation ($input: ExpenseInput!) { recordExpense(input: $input) { id } }',
        variables: { input: { programmeId: programme.id, amount: '100000', spentOn: '2025-09-12', description: 'Nước uống', evidence: 'HĐ 0002', idempotencyKey: key() } },
      }),
      decideExpense: async () => ({
        query: 'mutation ($id: ID!) { decideExpense(id: $id, approve: true) { id } }',
        variables: { id: (await anExpense()).id },
      }),
      createProgramme: () => ({
        query: 'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }',
        variables: { input: { teamId: tree.teamId, name: 'Chiến dịch thanh toán số', kind: 'CAMPAIGN', horizonMonths: 3, startsOn: '2025-10-01' } },
      }),
      // A fresh programme each time: every allowed caller's revision or approval can succeed.
      reviseBudget: async () => ({
        query: 'mutation ($input: ReviseBudgetInput!) { reviseBudget(input: $input) { number } }',
        variables: {
          input: {
            programmeId: (await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId })).id,
            reason: 'Giá thuê loa tăng',
            budget: [{ side: 'EXPENSE', item: 'Thuê loa đài', unit: 'buổi', unitPrice: '600000', quantity: 2, note: 'Theo báo giá mới' }],
            idempotencyKey: key(),
          },
        },
      }),
      approveBudget: async () => ({
        query: 'mutation ($input: ApproveBudgetInput!) { approveBudget(input: $input) { budgetApprovedAt } }',
        variables: { input: { programmeId: (await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId })).id, idempotencyKey: key() } },
      }),
      createSponsorshipPackage: () => ({
        query: 'mutation ($id: ID!) { createSponsorshipPackage(programmeId: $id, input: { name: "Gói vàng", contribution: "50 triệu", benefits: "Logo" }) { id } }',
        variables: { id: programme.id },
      }),
      createSponsor: () => ({
        query: 'mutation ($input: CreateSponsorInput!) { createSponsor(input: $input) { id } }',
        variables: { input: { unitCode: tree.commune.unitCode, kind: 'ORGANISATION', name: 'Công ty Mới' } },
      }),
      updateSponsor: () => ({
        query: 'mutation ($id: ID!) { updateSponsor(id: $id, input: { publiclyNamed: true }) { id } }',
        variables: { id: sponsor.id },
      }),
      addSponsorContact: () => ({
        query: 'mutation ($id: ID!) { addSponsorContact(sponsorId: $id, input: { fullName: "Hồ Thị Mai", phone: "0912000111" }) { id } }',
        variables: { id: sponsor.id },
      }),
      recordSponsorInteraction: () => ({
        query: 'mutation ($id: ID!) { recordSponsorInteraction(sponsorId: $id, input: { kind: NOTE, occurredOn: "2025-09-03", summary: "Gọi điện" }) { id } }',
        variables: { id: sponsor.id },
      }),
      registerVolunteer: () => ({
        query: 'mutation ($code: String!) { registerVolunteer(input: { unitCode: $code, fullName: "Lý Văn Nhiệt", consent: { noticeVersion: "2026-01", channel: PAPER_FORM } }) { id } }',
        variables: { code: tree.village.unitCode },
      }),
      logVolunteerShift: () => ({
        query: 'mutation ($input: VolunteerShiftInput!) { logVolunteerShift(input: $input) { id } }',
        variables: { input: { volunteerId: volunteer.id, programmeId: programme.id, workedOn: '2025-09-05', hours: 2 } },
      }),
      planShift: () => ({
        query: 'mutation ($input: PlannedShiftInput!) { planShift(input: $input) { id } }',
        variables: {
          input: { programmeId: programme.id, title: 'Trực gian hàng số', startsAt: '2026-10-01T01:00:00Z', endsAt: '2026-10-01T04:00:00Z', capacity: 4, idempotencyKey: key() },
        },
      }),
      signUpForShift: () => shiftOperation('signUpForShift'),
      cancelShiftSignup: () => shiftOperation('cancelShiftSignup', {}),
      checkIntoShift: () => shiftOperation('checkIntoShift', {}),
      checkOutOfShift: () => shiftOperation('checkOutOfShift', { checkedInAt: new Date(Date.now() - 5 * 60_000) }),
      logMyVolunteerHours: () => ({
        query: 'mutation ($input: OwnHoursInput!) { logMyVolunteerHours(input: $input) { id } }',
        variables: { input: { programmeId: programme.id, workedOn: '2025-09-06', hours: 1.5, activity: 'Hướng dẫn nộp hồ sơ trực tuyến', idempotencyKey: key() } },
      }),
      // Adopted today each time: a new version is never dated before the one in force.
      adoptTeamFundRules: () => ({
        query: 'mutation ($input: TeamFundRulesInput!) { adoptTeamFundRules(input: $input) { version } }',
        variables: { input: { teamId: tree.teamId, rules: 'Mỗi thành viên đóng 50.000 đồng mỗi quý', adoptedOn: todayInVietnam(), idempotencyKey: key() } },
      }),
      decideVolunteerHours: async () => ({
        query: 'mutation ($id: ID!, $reason: String) { decideVolunteerHours(id: $id, decision: DECLINE, reason: $reason) { id } }',
        variables: { id: (await fakePendingHours(subgraph.db, programme, volunteer)).id, reason: 'Trùng với buổi đã ghi' },
      }),
    },
    fields: {
      'DataSubject.giftsReceived': dataSubjectField('giftsReceived', 'id'),
      'Programme.pledges': programmeField('pledges { id }', (found) => found?.pledges),
      'Programme.receipts': programmeField('receipts { id }', (found) => found?.receipts),
      'Programme.expenses': programmeField('expenses { id }', (found) => found?.expenses),
      'Expense.recordedByMe': programmeField('expenses { recordedByMe }', (found) => found?.expenses?.[0]?.recordedByMe),
      'BudgetLine.pendingSpending': programmeField('budget { lines { side pendingSpending } }', (found) =>
        found?.budget.lines.find((line: any) => line.side === 'EXPENSE')?.pendingSpending,
      ),
      'Programme.volunteerShifts': programmeField('volunteerShifts { id }', (found) => found?.volunteerShifts),
      'Gift.codes': programmeField('receipts { gifts { codes } }', (found) =>
        found?.receipts?.flatMap((receipt: any) => receipt.gifts).find((lot: any) => lot.codes.length > 0)?.codes,
      ),
      'Gift.allocations': programmeField('receipts { gifts { allocations { quantity } } }', (found) =>
        found?.receipts?.flatMap((receipt: any) => receipt.gifts).find((lot: any) => lot.allocations.length > 0)?.allocations,
      ),
      'Allocation.household': programmeField('receipts { gifts { allocations { household } } }', (found) =>
        found?.receipts?.flatMap((receipt: any) => receipt.gifts.flatMap((lot: any) => lot.allocations)).find((one: any) => one.household)?.household,
      ),
      'Allocation.codes': programmeField('receipts { gifts { allocations { codes } } }', (found) =>
        found?.receipts?.flatMap((receipt: any) => receipt.gifts.flatMap((lot: any) => lot.allocations)).find((one: any) => one.codes.length > 0)?.codes,
      ),
      'Query.stockCounts': {
        operation: () => ({ query: 'query ($code: String!) { stockCounts(unitCode: $code) { itemKind onHand } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.stockCounts?.[0],
      },
      'Query.giftLots': {
        operation: () => ({ query: 'query ($code: String!) { giftLots(unitCode: $code) { nodes { id description } } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.giftLots?.nodes[0],
      },
      'Query.sponsors': {
        operation: () => ({ query: 'query ($code: String!) { sponsors(unitCode: $code) { totalCount } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.sponsors,
      },
      'Query.sponsor': {
        operation: () => ({ query: 'query ($id: ID!) { sponsor(id: $id) { name } }', variables: { id: sponsor.id } }),
        value: (data) => data.sponsor,
      },
      'Sponsor.contacts': sponsorField('contacts'),
      'Query.pledgeFollowUp': followUp('instalments { instalment { id } }', (found) => found?.instalments[0]),
      'InstalmentToFollowUp.sponsorContacts': followUp('instalments { sponsorContacts { fullName } }', (found) => found?.instalments[0].sponsorContacts?.[0]),
      'MemorandumEnding.sponsorContacts': followUp('memoranda { sponsorContacts { fullName } }', (found) => found?.memoranda[0].sponsorContacts?.[0]),
      'Sponsor.history': sponsorField('history'),
      'Sponsor.pledges': sponsorField('pledges'),
      'Query.volunteers': volunteerField('skills'),
      'Query.volunteer': oneVolunteer('skills'),
      'Volunteer.fullName': oneVolunteer('fullName'),
      'Volunteer.phone': oneVolunteer('phone'),
      'Volunteer.shifts': oneVolunteer('shifts { id }'),
      'Volunteer.signups': oneVolunteer('signups { id }'),
      'Query.myVolunteerRecord': {
        operation: () => ({ query: 'query { myVolunteerRecord { approvedHours } }' }),
        value: (data) => data.myVolunteerRecord?.approvedHours,
      },
      'Query.volunteerCertificate': paperOf('volunteerCertificate', () => ({ id: volunteer.id }), '$id: ID!', 'volunteerId: $id'),
      'Query.volunteerHoursToApprove': {
        operation: () => ({ query: 'query ($code: String!) { volunteerHoursToApprove(unitCode: $code) { id } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.volunteerHoursToApprove?.[0],
      },
      'PlannedShift.signups': {
        operation: () => ({ query: 'query ($code: String!) { plannedShifts(unitCode: $code) { signups { id } } }', variables: { code: tree.village.unitCode } }),
        value: (data) => data.plannedShifts?.find((shift: any) => shift.signups.length > 0)?.signups,
      },
      'Query.resourcesPersonalDataReads': {
        operation: () => ({ query: 'query { resourcesPersonalDataReads { reader personId field } }' }),
        value: (data) => data.resourcesPersonalDataReads,
      },
      'Query.resourcesAuditTrail': {
        operation: () => ({ query: 'query ($code: String) { resourcesAuditTrail(unitCode: $code) { action } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.resourcesAuditTrail,
      },
      'Query.receiptPaper': paperOf('receiptPaper', () => ({ receiptId: sponsoredReceipt.id }), '$receiptId: ID!', 'receiptId: $receiptId'),
      'Query.thankYouLetter': paperOf('thankYouLetter', () => ({ receiptId: sponsoredReceipt.id }), '$receiptId: ID!', 'receiptId: $receiptId'),
      // Public: asked as workbooks, quicker to make than PDFs for every kind of caller.
      'Query.budgetEstimateFile': paperOf('budgetEstimateFile', () => ({ programmeId: programme.id }), '$programmeId: ID!', 'programmeId: $programmeId, format: XLSX'),
      'Query.ledgerFile': paperOf('ledgerFile', () => ({ programmeId: programme.id }), '$programmeId: ID', 'programmeId: $programmeId, format: XLSX'),
      'Query.sponsorContactList': paperOf('sponsorContactList', () => ({ programmeId: programme.id }), '$programmeId: ID!', 'programmeId: $programmeId'),
    },
  },
});
