import { Role, type HubClaims } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import { startTestHub, type TestHub } from '../gateway/testing/hub';
import {
  AddStallCategoryDocument,
  ApplyForStallDocument,
  ApproveStallApplicationDocument,
  CreateEventDocument,
  CreateSponsorDocument,
  DisclosureLedgerDocument,
  EventApplicationsDocument,
  HubClient,
  IssuePartnerCredentialDocument,
  LogOnboardingsDocument,
  LogTrainingsDocument,
  PartnerPlatformsDocument,
  partnerTokenProvider,
  PartnerTrainingsDocument,
  PledgeFollowUpDocument,
  RecordAttendanceDocument,
  RecordCashDonationDocument,
  RecordPledgeDocument,
  RecordSponsorInteractionDocument,
  RejectStallApplicationDocument,
  SetEventStatusDocument,
  SponsorPipelineDocument,
  TeamsWithMembersDocument,
  UnitDirectoryDocument,
  UnitProgrammesDocument,
  UpcomingFairsDocument,
  WaitlistStallApplicationDocument,
  type StallApplicationInput,
} from '.';

/** Each user's journey through the hub with the SDK's operations, as their tools would run it. */

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('sdk_journeys');
});

afterAll(() => hub?.close());

async function as(claims?: HubClaims): Promise<HubClient> {
  const token = claims ? (await hub.bearer(claims)).replace(/^Bearer /, '') : undefined;
  return new HubClient({ endpoint: hub.gateway.url, token });
}

const officer: HubClaims = { sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

it('an officer follows the sponsor pipeline, page by page, and a new sponsor’s pledge as money comes in', async () => {
  const sdk = await as(officer);
  const names: string[] = [];
  let after: string | null | undefined;
  do {
    const { sponsors } = await sdk.request(SponsorPipelineDocument, { unitCode: '17227', first: 2, after });
    expect(sponsors.totalCount).toBe(4);
    names.push(...sponsors.nodes.map((sponsor) => sponsor.name));
    after = sponsors.pageInfo.hasNextPage ? sponsors.pageInfo.endCursor : undefined;
  } while (after);
  expect(names).toHaveLength(4);
  expect(new Set(names)).toEqual(new Set(['Hợp tác xã Nông nghiệp Tam Quang', 'Ngân hàng TMCP Quân đội – Chi nhánh Nghệ An', 'Ông Lô Văn Thắng', 'Viettel Nghệ An']));

  const { sponsors: active } = await sdk.request(SponsorPipelineDocument, { unitCode: '17227', status: 'ACTIVE' });
  const viettel = active.nodes.find((sponsor) => sponsor.name === 'Viettel Nghệ An');
  expect(viettel).toMatchObject({ partner: { shortName: 'Viettel' }, history: expect.arrayContaining([expect.objectContaining({ kind: 'MEMORANDUM' })]) });

  const { createSponsor } = await sdk.request(CreateSponsorDocument, {
    input: { unitCode: '17227', kind: 'ORGANISATION', name: 'Bưu điện huyện Tương Dương', status: 'ACTIVE', publiclyNamed: true },
  });
  await sdk.request(RecordSponsorInteractionDocument, {
    sponsorId: createSponsor.id,
    input: { kind: 'MEETING', occurredOn: inDays(-1), summary: 'Gặp bàn hỗ trợ quà cho người dân tại phiên chợ' },
  });

  const { programmes } = await sdk.request(UnitProgrammesDocument, { unitCode: '17227' });
  const fair = programmes.nodes.find((programme) => programme.name === 'Ngày hội chuyển đổi số xã Tam Quang 2025');
  expect(fair).toBeDefined();
  const { recordPledge } = await sdk.request(RecordPledgeDocument, {
    input: { programmeId: fair!.id, sponsorId: createSponsor.id, kind: 'CASH', amount: '3000000', dueOn: inDays(30) },
  });
  expect(recordPledge).toMatchObject({ status: 'PLEDGED', received: '0' });
  await sdk.request(RecordCashDonationDocument, {
    input: { programmeId: fair!.id, sponsorId: createSponsor.id, pledgeId: recordPledge.id, receivedOn: inDays(0), amount: '1000000', method: 'BANK_TRANSFER' },
  });

  const { programme } = await sdk.request(PledgeFollowUpDocument, { programmeId: fair!.id });
  expect(programme?.pledges.find((pledge) => pledge.id === recordPledge.id)).toMatchObject({
    status: 'PARTLY_FULFILLED',
    received: '1000000',
    sponsor: { name: 'Bưu điện huyện Tương Dương' },
  });
  expect(programme?.pledges.filter((pledge) => pledge.status === 'FULFILLED')).toHaveLength(2);
});

it('a partner’s system logs a batch of trainings, its attendance and a batch of onboardings with its API key', async () => {
  const admin = await as({ sub: 'admin', roles: [Role.ADMIN] });
  const partnerId = demoId('partner:vnpt');
  const { issuePartnerCredential } = await admin.request(IssuePartnerCredentialDocument, { partnerId, label: 'Hệ thống CRM VNPT' });
  const sdk = new HubClient({ endpoint: hub.gateway.url, token: partnerTokenProvider({ endpoint: hub.gateway.url, apiKey: issuePartnerCredential.apiKey }) });

  const { teams } = await sdk.request(TeamsWithMembersDocument, { unitCode: '17227', first: 2 });
  const [commune, village] = teams.nodes;
  const { logTrainings } = await sdk.request(LogTrainingsDocument, {
    input: {
      partnerId,
      trainings: [
        {
          idempotencyKey: 'vnpt-th-2026-001',
          title: 'Cài đặt và dùng VNeID mức 2',
          skill: 'ONLINE_PUBLIC_SERVICES',
          format: 'IN_PERSON',
          heldOn: inDays(-3),
          place: 'Nhà văn hóa bản Xốp Cháo',
          trainer: 'Kỹ thuật viên VNPT',
          unitCode: '17227',
          invitedTeamIds: [commune.id, village.id],
          attendeeIds: [commune.members[0].id],
        },
      ],
    },
  });
  expect(logTrainings).toMatchObject({ created: 1, replayed: 0, rows: [{ attendeeCount: 1 }] });
  const [training] = logTrainings.rows;

  const { recordAttendance } = await sdk.request(RecordAttendanceDocument, {
    input: { partnerId, attendances: village.members.slice(0, 2).map((member) => ({ idempotencyKey: `vnpt-dd-${member.id}`, trainingId: training.id, memberId: member.id })) },
  });
  expect(recordAttendance.created).toBe(2);
  expect(recordAttendance.rows.at(-1)?.training.attendeeCount).toBe(3);

  const { partner } = await sdk.request(PartnerPlatformsDocument, { partnerId });
  const { logOnboardings } = await sdk.request(LogOnboardingsDocument, {
    input: {
      partnerId,
      onboardings: [
        { idempotencyKey: 'vnpt-ob-1', platformId: partner!.platforms[0].id, onboardeeKind: 'HOUSEHOLD', name: 'Hộ ông Vi Văn Tình', teamId: village.id, onboardedOn: inDays(-2), status: 'ACTIVE', consent: { noticeVersion: '2026-01', channel: 'PAPER_FORM' } },
        { idempotencyKey: 'vnpt-ob-2', platformId: partner!.platforms[0].id, onboardeeKind: 'BUSINESS', name: 'Tạp hóa Minh Anh', teamId: commune.id, onboardedOn: inDays(-1) },
      ],
    },
  });
  expect(logOnboardings.rows.map(({ name, status }) => [name, status])).toEqual([
    ['Hộ ông Vi Văn Tình', 'ACTIVE'],
    ['Tạp hóa Minh Anh', 'STARTED'],
  ]);

  const { trainings } = await sdk.request(PartnerTrainingsDocument, { partnerId, from: inDays(-3), to: inDays(-3) });
  expect(trainings.nodes).toEqual([expect.objectContaining({ id: training.id, attendeeCount: 3 })]);
});

it('an organiser opens a fair, sets up its stall categories and reviews the applications', async () => {
  const organiserClaims: HubClaims = { sub: 'org-sdk', roles: [Role.ORGANISER], name: 'Chị Lương Thị Hoa' };
  const { createEvent } = await (await as(officer)).request(CreateEventDocument, {
    input: {
      unitCode: '17227',
      kind: 'FAIR',
      title: 'Phiên chợ số cuối năm xã Tam Quang',
      venue: 'Chợ trung tâm xã Tam Quang',
      venueKind: 'MARKET',
      startsOn: inDays(20),
      endsOn: inDays(20),
      applicationDeadline: inDays(10),
      organisers: [{ subject: organiserClaims.sub, name: organiserClaims.name! }],
    },
  });
  expect(createEvent.status).toBe('DRAFT');

  const organiser = await as(organiserClaims);
  const { addStallCategory: localProducts } = await organiser.request(AddStallCategoryDocument, {
    eventId: createEvent.id,
    input: { name: 'Gian hàng nông sản địa phương', kind: 'LOCAL_PRODUCTS', admission: 'REVIEWED', capacity: 2, fee: '0', codePrefix: 'N' },
  });
  expect(localProducts).toMatchObject({ capacity: 2, freeStalls: 2, fee: '0' });
  await organiser.request(SetEventStatusDocument, { id: createEvent.id, status: 'PUBLISHED' });
  await organiser.request(SetEventStatusDocument, { id: createEvent.id, status: 'OPEN_FOR_APPLICATIONS' });

  const visitor = await as();
  const household = (name: string, contactPhone: string): StallApplicationInput => ({
    categoryId: localProducts.id,
    exhibitorKind: 'HOUSEHOLD',
    exhibitorName: name,
    contactName: name,
    contactPhone,
    offering: 'Măng khô, mật ong rừng',
    consent: { noticeVersion: '2026-01', channel: 'ONLINE_FORM' },
  });
  const applied = [];
  for (const [name, phone] of [['Hộ bà Lô Thị Xuân', '0912000001'], ['Hộ ông Kha Văn Sơn', '0912000002'], ['Hộ bà Vi Thị Mai', '0912000003']]) {
    applied.push((await visitor.request(ApplyForStallDocument, { input: household(name, phone) })).applyForStall);
  }
  expect(applied.map((application) => application.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);

  const { event } = await organiser.request(EventApplicationsDocument, { id: createEvent.id });
  expect(event?.applications?.map(({ exhibitorName, contactPhone }) => [exhibitorName, contactPhone])).toEqual([
    ['Hộ bà Lô Thị Xuân', '0912000001'],
    ['Hộ ông Kha Văn Sơn', '0912000002'],
    ['Hộ bà Vi Thị Mai', '0912000003'],
  ]);

  const { approveStallApplication } = await organiser.request(ApproveStallApplicationDocument, { id: applied[0].id });
  const { waitlistStallApplication } = await organiser.request(WaitlistStallApplicationDocument, { id: applied[1].id });
  const { rejectStallApplication } = await organiser.request(RejectStallApplicationDocument, { id: applied[2].id });
  expect([approveStallApplication, waitlistStallApplication, rejectStallApplication].map(({ status, stallCode }) => [status, stallCode])).toEqual([
    ['APPROVED', 'N01'],
    ['WAITLISTED', null],
    ['REJECTED', null],
  ]);

  // Anyone now sees the fair among the commune's upcoming ones, with a stall left.
  const { administrativeUnit } = await visitor.request(UpcomingFairsDocument, { unitCode: '17227' });
  expect(administrativeUnit?.upcomingEvents.find((upcoming) => upcoming.id === createEvent.id)).toMatchObject({
    status: 'OPEN_FOR_APPLICATIONS',
    categories: [expect.objectContaining({ name: 'Gian hàng nông sản địa phương', freeStalls: 1 })],
  });
});

it('a visitor reads a commune’s disclosure ledger and the province’s upcoming fairs without signing in', async () => {
  const visitor = await as();
  const { provinces } = await visitor.request(UnitDirectoryDocument);
  expect(provinces.find((province) => province.code === '40')?.children).toContainEqual({ code: '17227', name: 'Xã Tam Quang', level: 'COMMUNE' });

  const { disclosure } = await visitor.request(DisclosureLedgerDocument, { unitCode: '17227', from: '2025-01-01', to: '2025-12-31' });
  expect(disclosure.totalIncome).toBe('32500000');
  // Numbered receipts; donors named with their consent, the others as a benefactor; the state budget and the team fund apart.
  expect(disclosure.income.map(({ receiptNumber, donor }) => [receiptNumber, donor])).toEqual([
    ['17227/2025/0003', 'Ngân hàng TMCP Quân đội – Chi nhánh Nghệ An'],
    ['17227/2025/0005', 'Ngân sách nhà nước'],
    ['17227/2025/0002', 'Hợp tác xã Nông nghiệp Tam Quang'],
    ['17227/2025/0001', 'Viettel Nghệ An'],
    ['17227.01/2025/0001', 'Quỹ tổ (đóng góp của thành viên)'],
    ['17227/2025/0006', 'Nhà hảo tâm'],
    ['17227/2025/0004', 'Ngân hàng TMCP Quân đội – Chi nhánh Nghệ An'],
    ['17227/2025/0007', 'Ngân hàng TMCP Quân đội – Chi nhánh Nghệ An'],
  ]);
  // Both were spent on 1 October: same-day spending comes in the order it was recorded, which
  // SQLite's whole-second timestamps of the seed cannot tell apart.
  expect(disclosure.totalSpending).toBe('5600000');
  expect(disclosure.spending.map(({ amount, receiptNumber }) => [amount, receiptNumber]).sort()).toEqual([
    ['5000000', null],
    ['600000', null],
  ]);

  const { administrativeUnit } = await visitor.request(UpcomingFairsDocument, { unitCode: '40' });
  expect(administrativeUnit?.upcomingEvents.map((event) => event.title)).toContain('Phiên chợ chuyển đổi số xã Tam Quang 2026');
});
