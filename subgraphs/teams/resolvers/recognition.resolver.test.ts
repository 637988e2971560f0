import { Role, type HubClaims } from '../../common/auth';
import { AuditEntry } from '../../common/audit';
import { Consent, ConsentPurpose } from '../../common/consent';
import { subjectKeyOf } from '../../common/data-subject';
import { todayInVietnam } from '../../common/dates';
import { dataSubjectClaims } from '../../common/testing/data-subject';
import { codeLikeHeadings, pdfText, workbookRows } from '../../common/testing/papers';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { EmulationCampaign, Nomination, NomineeKind, ProposalStatus, RewardProposal, type Team } from '../entities';
import { fakeCampaign, fakeMember, fakeNomination, fakePerson, fakeProposal, fakeReport, fakeTeam, fakeThreeTierTree, fakeTwoTierTree } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let team: Team;
let officer: HubClaims;
let provinceOfficer: HubClaims;
const admin: HubClaims = { sub: 'admin', roles: [Role.ADMIN] };

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  ({ team } = await fakeTeam(subgraph.db, tree.village));
  officer = { sub: 'commune-officer', roles: [Role.OFFICER], units: [tree.commune.code] };
  provinceOfficer = { sub: 'province-officer', roles: [Role.OFFICER], units: [tree.province.code] };
});
afterAll(() => subgraph.close());

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/**
 * A birth year written anywhere in an audit entry as a value, or an occupation: not the same four
 * digits inside a random id (a UUID held "…b19905f9" once, and a plain /1990/ failed).
 */
const formDetails = (birthYear: number, occupation?: string) =>
  new RegExp(`(?<![0-9a-f-])${birthYear}(?![0-9a-f-])${occupation ? `|${occupation}` : ''}`, 'i');

const LAUNCH = `mutation ($input: EmulationCampaignInput!) { launchEmulationCampaign(input: $input) { id title criteria nominationsPerProvince } }`;
const NOMINATE = `mutation ($input: NominationInput!) { nominateMember(input: $input) { id place provinceCode residentsGuided householdVisits trainingsAttended birthYear } }`;
const PROPOSE = `mutation ($input: RewardProposalInput!) { proposeReward(input: $input) { id status } }`;
const DECIDE = `mutation ($id: ID!, $decision: ProposalDecision!, $reason: String, $key: String) { decideRewardProposal(id: $id, decision: $decision, reason: $reason, idempotencyKey: $key) { id status decisionReason levelsApproved awaitingUnitName } }`;
const WITHDRAW_PROPOSAL = `mutation ($id: ID!, $key: String) { withdrawRewardProposal(id: $id, idempotencyKey: $key) { id status } }`;
const RESUBMIT = `mutation ($id: ID!, $achievements: String!) { resubmitRewardProposal(id: $id, achievements: $achievements) { id status levelsApproved achievements decisionReason awaitingUnitName } }`;
const WITHDRAW_NOMINATION = `mutation ($id: ID!, $key: String) { withdrawNomination(id: $id, idempotencyKey: $key) }`;
const ROLL = `query ($code: String!) { honourRoll(unitCode: $code) { id name nomineeKind rewardTitle achievements unitName campaignTitle } }`;

describe('emulation campaigns', () => {
  it('are launched by the unit’s officers with their criteria, once per idempotency key, and listed below and above', async () => {
    const input = {
      unitCode: tree.province.code,
      title: 'Chiến dịch “đi từng ngõ, gõ từng nhà” hưởng ứng Ngày Chuyển đổi số quốc gia 10/10',
      startsOn: '2025-10-01',
      endsOn: '2025-10-10',
      criteria: ['Số người dân được hướng dẫn cài đặt VNeID', 'Số hộ gia đình được đến tận nhà'],
      nominationsPerProvince: 2,
      idempotencyKey: 'campaign-key-1',
    };
    const first = ok(await subgraph.execute<any>(LAUNCH, { as: provinceOfficer, variables: { input } })).launchEmulationCampaign;
    const again = ok(await subgraph.execute<any>(LAUNCH, { as: provinceOfficer, variables: { input } })).launchEmulationCampaign;
    expect(again.id).toBe(first.id);
    expect(first.criteria).toEqual(input.criteria);
    expect(await subgraph.db.manager.countBy(EmulationCampaign, { title: input.title })).toBe(1);
    const listed = ok(await subgraph.execute<any>(`query ($code: String!) { emulationCampaigns(unitCode: $code) { id } }`, { variables: { code: tree.village.code } }));
    expect(listed.emulationCampaigns.map((campaign: { id: string }) => campaign.id)).toContain(first.id);
  });

  it('refuses an end before the start, naming the field and writing nothing', async () => {
    const before = await subgraph.db.manager.count(EmulationCampaign);
    const input = { unitCode: tree.commune.code, title: 'Tháng cao điểm', startsOn: '2025-10-10', endsOn: '2025-10-01', criteria: [] };
    const refused = await subgraph.execute(LAUNCH, { as: officer, variables: { input } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn' });
    expect(await subgraph.db.manager.count(EmulationCampaign)).toBe(before);
  });
});

describe('nominations', () => {
  it('take the province’s places in order, fill figures from the team’s reports, and stop at the campaign’s limit', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province);
    const { team: reporting } = await fakeTeam(subgraph.db, tree.otherVillage);
    await fakeReport(subgraph.db, reporting, '2025-09', { guidedOnlinePublicServices: 30, guidedOnlinePayment: 12, householdVisits: 25 });
    await fakeReport(subgraph.db, reporting, '2025-10', { guidedOnlineSafety: 8, householdVisits: 5 });
    await fakeReport(subgraph.db, reporting, '2025-11', { guidedOnlineSafety: 1000 }); // after the campaign: not counted
    const [first, second, third] = [await fakeMember(subgraph.db, reporting), await fakeMember(subgraph.db, reporting), await fakeMember(subgraph.db, reporting)];
    const form = (memberId: string) => ({ campaignId: campaign.id, memberId, achievements: 'Hướng dẫn người dân cài đặt và kích hoạt VNeID', birthYear: 1998, trainingsAttended: 3 });

    const one = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { ...form(first.id), idempotencyKey: 'nominate-key-1' } } })).nominateMember;
    expect(one).toMatchObject({ place: 1, provinceCode: tree.province.code, residentsGuided: 50, householdVisits: 30, trainingsAttended: 3, birthYear: 1998 });
    const retried = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { ...form(first.id), idempotencyKey: 'nominate-key-1' } } })).nominateMember;
    expect(retried.id).toBe(one.id);
    const two = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { ...form(second.id), residentsGuided: 75 } } })).nominateMember;
    expect(two).toMatchObject({ place: 2, residentsGuided: 75 });

    const full = await subgraph.execute(NOMINATE, { as: officer, variables: { input: form(third.id) } });
    expect(full.errors?.[0]).toMatchObject({ message: 'Tỉnh đã đề cử đủ 2 thành viên cho phong trào này', extensions: { code: 'CONFLICT', limit: 2 } });
    const twice = await subgraph.execute(NOMINATE, { as: officer, variables: { input: form(first.id) } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(await subgraph.db.manager.countBy(Nomination, { campaignId: campaign.id })).toBe(2);
  });

  it('refuses a campaign without places and a member who left, naming the field', async () => {
    const closed = await fakeCampaign(subgraph.db, tree.province, { nominationsPerProvince: 0 });
    const member = await fakeMember(subgraph.db, team);
    const noPlaces = await subgraph.execute(NOMINATE, { as: officer, variables: { input: { campaignId: closed.id, memberId: member.id, achievements: 'Hướng dẫn người dân dùng dịch vụ công' } } });
    expect(noPlaces.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaignId' });
    const left = await fakeMember(subgraph.db, team, { leftOn: '2025-06-30' });
    const open = await fakeCampaign(subgraph.db, tree.province);
    const gone = await subgraph.execute(NOMINATE, { as: officer, variables: { input: { campaignId: open.id, memberId: left.id, achievements: 'Hướng dẫn người dân dùng dịch vụ công' } } });
    expect(gone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(await subgraph.db.manager.countBy(Nomination, { campaignId: open.id })).toBe(0);
  });

  it('keeps the form’s personal details out of the audit trail', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province);
    const member = await fakeMember(subgraph.db, team);
    const made = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { campaignId: campaign.id, memberId: member.id, achievements: 'Hướng dẫn người dân dùng dịch vụ công', birthYear: 1987, occupation: 'Giáo viên' } } })).nominateMember;
    const entry = await subgraph.db.manager.findOneByOrFail(AuditEntry, { action: 'nominateMember', entityId: made.id });
    expect(entry.after).not.toMatch(formDetails(1987, 'Giáo viên'));
  });

  it('are withdrawn only by whoever nominated, freeing the province’s place for the next nomination', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province);
    const [first, second, third] = [await fakeMember(subgraph.db, team), await fakeMember(subgraph.db, team), await fakeMember(subgraph.db, team)];
    const form = (memberId: string) => ({ campaignId: campaign.id, memberId, achievements: 'Hướng dẫn người dân cài đặt và kích hoạt VNeID', birthYear: 1991, occupation: 'Giáo viên' });
    const one = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: form(first.id) } })).nominateMember;
    ok(await subgraph.execute(NOMINATE, { as: provinceOfficer, variables: { input: form(second.id) } }));
    expect(errorCodes(await subgraph.execute(NOMINATE, { as: officer, variables: { input: form(third.id) } }))).toEqual(['CONFLICT']);

    // Another officer over the unit may not withdraw what the commune's officer nominated.
    expect(errorCodes(await subgraph.execute(WITHDRAW_NOMINATION, { as: provinceOfficer, variables: { id: one.id } }))).toEqual(['FORBIDDEN']);
    expect(ok(await subgraph.execute<any>(WITHDRAW_NOMINATION, { as: officer, variables: { id: one.id, key: 'withdraw-nomination-1' } })).withdrawNomination).toBe(one.id);
    // A retry with the key answers the same; without it, the nomination is gone.
    expect(ok(await subgraph.execute<any>(WITHDRAW_NOMINATION, { as: officer, variables: { id: one.id, key: 'withdraw-nomination-1' } })).withdrawNomination).toBe(one.id);
    expect(errorCodes(await subgraph.execute(WITHDRAW_NOMINATION, { as: officer, variables: { id: one.id } }))).toEqual(['NOT_FOUND']);
    const entry = await subgraph.db.manager.findOneByOrFail(AuditEntry, { action: 'withdrawNomination', entityId: one.id });
    expect(entry.before).toContain(first.id);
    expect(entry.before).not.toMatch(formDetails(1991, 'Giáo viên'));

    const freed = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: form(third.id) } })).nominateMember;
    expect(freed.place).toBe(one.place);
    expect(await subgraph.db.manager.countBy(Nomination, { campaignId: campaign.id })).toBe(2);
  });

  it('start from the team’s reported figures and the member, for the form to prefill', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province);
    const { team: reporting } = await fakeTeam(subgraph.db, tree.otherVillage);
    await fakeReport(subgraph.db, reporting, '2025-03', { guidedOnlineShopping: 14, householdVisits: 9 });
    const member = await fakeMember(subgraph.db, reporting);
    const FIGURES = `query ($campaignId: ID!, $memberId: ID!) { nominationFigures(campaignId: $campaignId, memberId: $memberId) { residentsGuided householdVisits member { id } } }`;
    const figures = ok(await subgraph.execute<any>(FIGURES, { as: officer, variables: { campaignId: campaign.id, memberId: member.id } })).nominationFigures;
    expect(figures).toEqual({ residentsGuided: 14, householdVisits: 9, member: { id: member.id } });
    const elsewhere: HubClaims = { sub: 'elsewhere', roles: [Role.OFFICER], units: [tree.otherCommune.code] };
    expect(errorCodes(await subgraph.execute(FIGURES, { as: elsewhere, variables: { campaignId: campaign.id, memberId: member.id } }))).toEqual(['FORBIDDEN']);
  });

  it('are listed with a constant number of queries, however many', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province, { nominationsPerProvince: 10 });
    const LIST = `query ($id: ID!, $code: String!) { nominations(campaignId: $id, unitCode: $code) { place birthYear campaign { title } member { role } } }`;
    const nominateOne = async () => {
      const member = await fakeMember(subgraph.db, team);
      ok(await subgraph.execute(NOMINATE, { as: officer, variables: { input: { campaignId: campaign.id, memberId: member.id, achievements: 'Hướng dẫn người dân dùng dịch vụ công' } } }));
    };
    await nominateOne();
    const withOne = await subgraph.countQueries(() => subgraph.execute(LIST, { as: officer, variables: { id: campaign.id, code: tree.commune.code } }));
    for (let i = 0; i < 5; i += 1) await nominateOne();
    const listed = await subgraph.execute<any>(LIST, { as: officer, variables: { id: campaign.id, code: tree.commune.code } });
    expect(ok(listed).nominations).toHaveLength(6);
    const withSix = await subgraph.countQueries(() => subgraph.execute(LIST, { as: officer, variables: { id: campaign.id, code: tree.commune.code } }));
    expect(withSix).toBe(withOne);
  });
});

describe('the nominations’ information form', () => {
  const FILE = `query ($id: ID!, $code: String!, $format: PaperFormat) { nominationsFile(campaignId: $id, unitCode: $code, format: $format) { filename contentType base64 } }`;

  it('prints each nominee’s name, team, personal details and figures, in PDF and XLSX, with a constant number of queries', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province, { nominationsPerProvince: 10 });
    const nominee = await fakeMember(subgraph.db, team, { person: await fakePerson(subgraph.db, { fullName: 'Vi Thị Tiêu Biểu' }) });
    await fakeNomination(subgraph.db, campaign, nominee, { birthYear: 1993, occupation: 'Nhân viên bưu điện', residentsGuided: 321 });
    const variables = { id: campaign.id, code: tree.commune.code };
    const pdf = ok(await subgraph.execute<any>(FILE, { as: officer, variables })).nominationsFile;
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('THÔNG TIN THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG TIÊU BIỂU');
    expect(text).toMatch(/Vi Thị Tiêu Biểu.*Nhân viên bưu điện/);
    expect(text).toContain(team.name);
    const workbook = ok(await subgraph.execute<any>(FILE, { as: officer, variables: { ...variables, format: 'XLSX' } })).nominationsFile;
    expect(await codeLikeHeadings(workbook)).toEqual([]);
    const rows = await workbookRows(workbook);
    expect(rows.find((row) => row.includes('Vi Thị Tiêu Biểu'))).toEqual(expect.arrayContaining(['1993', 'Nhân viên bưu điện']));

    const withOne = await subgraph.countQueries(() => subgraph.execute(FILE, { as: officer, variables: { ...variables, format: 'XLSX' } }));
    for (let place = 2; place <= 5; place += 1) await fakeNomination(subgraph.db, campaign, await fakeMember(subgraph.db, team), { place });
    const withFive = await subgraph.countQueries(() => subgraph.execute(FILE, { as: officer, variables: { ...variables, format: 'XLSX' } }));
    expect(withFive).toBe(withOne);
  }, 90_000); // two PDFs rendered and read back, four workbooks
});

describe('reward proposals', () => {
  const proposal = (overrides: Record<string, unknown> = {}) => ({
    unitCode: tree.commune.code,
    nomineeKind: 'BUSINESS',
    fullName: 'Hợp tác xã Chè Tân Cương',
    rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
    achievements: 'Đưa 30 sản phẩm chè lên sàn thương mại điện tử',
    ...overrides,
  });

  it('go up to the unit above: the proposer may not decide, the province’s officers decide once', async () => {
    const proposed = ok(await subgraph.execute<any>(PROPOSE, { as: officer, variables: { input: { ...proposal(), idempotencyKey: 'propose-key-1' } } })).proposeReward;
    const retried = ok(await subgraph.execute<any>(PROPOSE, { as: officer, variables: { input: { ...proposal(), idempotencyKey: 'propose-key-1' } } })).proposeReward;
    expect(retried.id).toBe(proposed.id);
    // The commune's officer proposed it: the commune is not above itself.
    expect(errorCodes(await subgraph.execute(DECIDE, { as: officer, variables: { id: proposed.id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    // A province officer who proposed it themselves may not decide it either.
    const own = await fakeProposal(subgraph.db, tree.commune, { proposedBy: provinceOfficer.sub! });
    expect(errorCodes(await subgraph.execute(DECIDE, { as: provinceOfficer, variables: { id: own.id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    const queue = ok(await subgraph.execute<any>(`query ($code: String!) { rewardProposals(unitCode: $code, status: PROPOSED) { id decidableByMe } }`, { as: provinceOfficer, variables: { code: tree.province.code } }));
    expect(queue.rewardProposals).toEqual(expect.arrayContaining([{ id: proposed.id, decidableByMe: true }, { id: own.id, decidableByMe: false }]));

    const approved = ok(await subgraph.execute<any>(DECIDE, { as: provinceOfficer, variables: { id: proposed.id, decision: 'APPROVE' } })).decideRewardProposal;
    expect(approved.status).toBe('APPROVED');
    const again = await subgraph.execute(DECIDE, { as: admin, variables: { id: proposed.id, decision: 'DECLINE', reason: 'Trùng' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('go up a three-tier tree a level at a time: the district approves, then the province puts it on the honour roll', async () => {
    const three = await fakeThreeTierTree(subgraph.db);
    const communeOfficer: HubClaims = { sub: 'three-commune', roles: [Role.OFFICER], units: [three.commune.code] };
    const districtOfficer: HubClaims = { sub: 'three-district', roles: [Role.OFFICER], units: [three.district.code] };
    const provinceHere: HubClaims = { sub: 'three-province', roles: [Role.OFFICER], units: [three.province.code] };
    const { id } = ok(await subgraph.execute<any>(PROPOSE, { as: communeOfficer, variables: { input: proposal({ unitCode: three.commune.code, fullName: 'Bưu điện văn hoá xã Ba' }) } })).proposeReward;

    // The province waits for the district.
    expect(errorCodes(await subgraph.execute(DECIDE, { as: provinceHere, variables: { id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    const atDistrict = ok(await subgraph.execute<any>(DECIDE, { as: districtOfficer, variables: { id, decision: 'APPROVE', key: 'district-approves' } })).decideRewardProposal;
    expect(atDistrict).toMatchObject({ status: 'PROPOSED', levelsApproved: 1, awaitingUnitName: three.province.name });
    // A retry with the key answers the same; the district has no second say.
    expect(ok(await subgraph.execute<any>(DECIDE, { as: districtOfficer, variables: { id, decision: 'APPROVE', key: 'district-approves' } })).decideRewardProposal.levelsApproved).toBe(1);
    expect(errorCodes(await subgraph.execute(DECIDE, { as: districtOfficer, variables: { id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    const roll = async () => (ok(await subgraph.execute<any>(ROLL, { variables: { code: three.province.code } })).honourRoll as { id: string }[]).map((entry) => entry.id);
    expect(await roll()).not.toContain(id);

    const queue = ok(await subgraph.execute<any>(`query ($code: String!) { rewardProposals(unitCode: $code, status: PROPOSED) { id decidableByMe } }`, { as: provinceHere, variables: { code: three.province.code } }));
    expect(queue.rewardProposals).toContainEqual({ id, decidableByMe: true });
    const approved = ok(await subgraph.execute<any>(DECIDE, { as: provinceHere, variables: { id, decision: 'APPROVE' } })).decideRewardProposal;
    expect(approved).toMatchObject({ status: 'APPROVED', awaitingUnitName: null });
    expect(await roll()).toContain(id);
  });

  it('are returned with a reason, sent again from the first level, and withdrawn only by whoever proposed them before a decision', async () => {
    const three = await fakeThreeTierTree(subgraph.db);
    const communeOfficer: HubClaims = { sub: 'return-commune', roles: [Role.OFFICER], units: [three.commune.code] };
    const otherCommuneOfficer: HubClaims = { sub: 'return-commune-2', roles: [Role.OFFICER], units: [three.commune.code] };
    const districtOfficer: HubClaims = { sub: 'return-district', roles: [Role.OFFICER], units: [three.district.code] };
    const provinceHere: HubClaims = { sub: 'return-province', roles: [Role.OFFICER], units: [three.province.code] };
    const { id } = ok(await subgraph.execute<any>(PROPOSE, { as: communeOfficer, variables: { input: proposal({ unitCode: three.commune.code }) } })).proposeReward;
    ok(await subgraph.execute(DECIDE, { as: districtOfficer, variables: { id, decision: 'APPROVE' } }));

    const bare = await subgraph.execute(DECIDE, { as: provinceHere, variables: { id, decision: 'RETURN' } });
    expect(bare.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const returned = ok(await subgraph.execute<any>(DECIDE, { as: provinceHere, variables: { id, decision: 'RETURN', reason: 'Cần ghi rõ số sản phẩm đưa lên sàn' } })).decideRewardProposal;
    expect(returned).toMatchObject({ status: 'RETURNED', decisionReason: 'Cần ghi rõ số sản phẩm đưa lên sàn' });

    expect(errorCodes(await subgraph.execute(RESUBMIT, { as: otherCommuneOfficer, variables: { id, achievements: 'Đưa 42 sản phẩm chè lên sàn thương mại điện tử' } }))).toEqual(['FORBIDDEN']);
    const again = ok(await subgraph.execute<any>(RESUBMIT, { as: communeOfficer, variables: { id, achievements: 'Đưa 42 sản phẩm chè lên sàn thương mại điện tử' } })).resubmitRewardProposal;
    expect(again).toMatchObject({ status: 'PROPOSED', levelsApproved: 0, decisionReason: null, awaitingUnitName: three.district.name, achievements: 'Đưa 42 sản phẩm chè lên sàn thương mại điện tử' });

    expect(errorCodes(await subgraph.execute(WITHDRAW_PROPOSAL, { as: otherCommuneOfficer, variables: { id } }))).toEqual(['FORBIDDEN']);
    const withdrawn = ok(await subgraph.execute<any>(WITHDRAW_PROPOSAL, { as: communeOfficer, variables: { id, key: 'withdraw-proposal-1' } })).withdrawRewardProposal;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(ok(await subgraph.execute<any>(WITHDRAW_PROPOSAL, { as: communeOfficer, variables: { id, key: 'withdraw-proposal-1' } })).withdrawRewardProposal.status).toBe('WITHDRAWN');
    expect(errorCodes(await subgraph.execute(DECIDE, { as: districtOfficer, variables: { id, decision: 'APPROVE' } }))).toEqual(['CONFLICT']);

    // Decided at the top, it can no longer be withdrawn.
    const decided = await fakeProposal(subgraph.db, three.commune, { proposedBy: communeOfficer.sub!, status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' });
    expect(errorCodes(await subgraph.execute(WITHDRAW_PROPOSAL, { as: communeOfficer, variables: { id: decided.id } }))).toEqual(['CONFLICT']);
    expect((await subgraph.db.manager.findOneByOrFail(RewardProposal, { id: decided.id })).status).toBe(ProposalStatus.APPROVED);
  });

  it('are declined only with a reason, and refuse a member of another unit, naming the fields and writing nothing', async () => {
    const waiting = await fakeProposal(subgraph.db, tree.commune);
    const bare = await subgraph.execute(DECIDE, { as: provinceOfficer, variables: { id: waiting.id, decision: 'DECLINE' } });
    expect(bare.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await subgraph.db.manager.findOneByOrFail(RewardProposal, { id: waiting.id })).status).toBe(ProposalStatus.PROPOSED);

    const before = await subgraph.db.manager.count(RewardProposal);
    const { team: elsewhere } = await fakeTeam(subgraph.db, tree.otherCommune);
    const stranger = await fakeMember(subgraph.db, elsewhere);
    const wrong = await subgraph.execute(PROPOSE, { as: officer, variables: { input: proposal({ nomineeKind: 'MEMBER', memberId: stranger.id, fullName: 'Trần Văn Khác' }) } });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    const missing = await subgraph.execute(PROPOSE, { as: officer, variables: { input: proposal({ nomineeKind: 'MEMBER', fullName: 'Trần Văn Thiếu' }) } });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(await subgraph.db.manager.count(RewardProposal)).toBe(before);
  });
});

describe('the national level (seed 003: the Central Youth Union)', () => {
  const nationalOfficer: HubClaims = { sub: 'national-officer', roles: [Role.OFFICER], units: ['VN'] };
  const DECIDE_NOMINATION = `mutation ($id: ID!, $decision: NominationDecision!, $reason: String, $key: String) {
    decideNomination(id: $id, decision: $decision, reason: $reason, idempotencyKey: $key) { id nationalDecision nationalReason nationalDecidedOn decidableByMe withdrawableByMe }
  }`;
  const SEND = `mutation ($id: ID!, $key: String) { sendRewardProposalToNation(id: $id, idempotencyKey: $key) { id status nationalStatus awaitingUnitName decidableByMe } }`;

  it('is a unit, VN, the root: the provinces sit under it, its campaigns reach every unit, and its officers see every province’s nominations', async () => {
    const nation = ok(await subgraph.execute<any>(`{ administrativeUnit(code: "VN") { code level path parent { code } children { code } } }`)).administrativeUnit;
    expect(nation).toMatchObject({ code: 'VN', level: 'NATION', path: '/', parent: null });
    expect(nation.children.map((child: { code: string }) => child.code)).toContain(tree.province.code);

    const launched = ok(
      await subgraph.execute<any>(LAUNCH, {
        as: nationalOfficer,
        variables: { input: { unitCode: 'VN', title: 'Tôn vinh thành viên Tổ công nghệ số cộng đồng tiêu biểu toàn quốc 2025', startsOn: '2025-09-01', endsOn: '2025-10-10', criteria: ['Thành tích tiêu biểu'], nominationsPerProvince: 2 } },
      }),
    ).launchEmulationCampaign;
    // A province's officer may not launch for the nation.
    const refused = await subgraph.execute(LAUNCH, { as: provinceOfficer, variables: { input: { unitCode: 'VN', title: 'Không được', startsOn: '2025-09-01', endsOn: '2025-10-10', criteria: [] } } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const listed = ok(await subgraph.execute<any>(`query ($code: String!) { emulationCampaigns(unitCode: $code) { id } }`, { variables: { code: tree.village.code } }));
    expect(listed.emulationCampaigns.map((campaign: { id: string }) => campaign.id)).toContain(launched.id);

    const other = await fakeTwoTierTree(subgraph.db);
    const { team: elsewhere } = await fakeTeam(subgraph.db, other.commune);
    const here = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { campaignId: launched.id, memberId: (await fakeMember(subgraph.db, team)).id, achievements: 'Hướng dẫn 300 người dân dùng VNeID' } } })).nominateMember;
    const there = await fakeNomination(subgraph.db, await subgraph.db.manager.findOneByOrFail(EmulationCampaign, { id: launched.id }), await fakeMember(subgraph.db, elsewhere), { provinceCode: other.province.code, unitPath: other.commune.path });
    const NOMINATIONS = `query ($id: ID!, $code: String!) { nominations(campaignId: $id, unitCode: $code) { id provinceCode decidableByMe } }`;
    const seen = ok(await subgraph.execute<any>(NOMINATIONS, { as: nationalOfficer, variables: { id: launched.id, code: 'VN' } })).nominations;
    expect(seen).toEqual(expect.arrayContaining([{ id: here.id, provinceCode: tree.province.code, decidableByMe: true }, { id: there.id, provinceCode: other.province.code, decidableByMe: true }]));
    expect(errorCodes(await subgraph.execute(NOMINATIONS, { as: provinceOfficer, variables: { id: launched.id, code: 'VN' } }))).toEqual(['FORBIDDEN']);
    const inProvince = ok(await subgraph.execute<any>(NOMINATIONS, { as: provinceOfficer, variables: { id: launched.id, code: tree.province.code } })).nominations;
    expect(inProvince).toEqual([{ id: here.id, provinceCode: tree.province.code, decidableByMe: false }]);
  });

  it('selects a province’s nominee or not, with a reason when not, once: the province can no longer withdraw it', async () => {
    const campaign = await fakeCampaign(subgraph.db, tree.province);
    const picked = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { campaignId: campaign.id, memberId: (await fakeMember(subgraph.db, team)).id, achievements: 'Hướng dẫn 300 người dân dùng VNeID', birthYear: 1990 } } })).nominateMember;
    const passed = ok(await subgraph.execute<any>(NOMINATE, { as: officer, variables: { input: { campaignId: campaign.id, memberId: (await fakeMember(subgraph.db, team)).id, achievements: 'Hướng dẫn 120 hộ thanh toán số' } } })).nominateMember;

    expect(errorCodes(await subgraph.execute(DECIDE_NOMINATION, { as: provinceOfficer, variables: { id: picked.id, decision: 'SELECTED' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(DECIDE_NOMINATION, { as: officer, variables: { id: picked.id, decision: 'SELECTED' } }))).toEqual(['FORBIDDEN']);
    const noReason = await subgraph.execute(DECIDE_NOMINATION, { as: nationalOfficer, variables: { id: passed.id, decision: 'NOT_SELECTED' } });
    expect(noReason.errors?.[0]).toMatchObject({ message: 'Lý do: cần ghi lý do khi không chọn', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
    expect((await subgraph.db.manager.findOneByOrFail(Nomination, { id: passed.id })).nationalDecision).toBeNull();

    const selected = ok(await subgraph.execute<any>(DECIDE_NOMINATION, { as: nationalOfficer, variables: { id: picked.id, decision: 'SELECTED', key: 'select-nominee-1' } })).decideNomination;
    expect(selected).toEqual({ id: picked.id, nationalDecision: 'SELECTED', nationalReason: null, nationalDecidedOn: todayInVietnam(), decidableByMe: false, withdrawableByMe: false });
    expect(ok(await subgraph.execute<any>(DECIDE_NOMINATION, { as: nationalOfficer, variables: { id: picked.id, decision: 'SELECTED', key: 'select-nominee-1' } })).decideNomination).toEqual(selected);
    const twice = await subgraph.execute(DECIDE_NOMINATION, { as: admin, variables: { id: picked.id, decision: 'NOT_SELECTED', reason: 'Đổi ý' } });
    expect(twice.errors?.[0]).toMatchObject({ message: 'Cấp toàn quốc đã xét đề cử này', extensions: { code: 'CONFLICT' } });
    const notSelected = ok(await subgraph.execute<any>(DECIDE_NOMINATION, { as: nationalOfficer, variables: { id: passed.id, decision: 'NOT_SELECTED', reason: 'Tỉnh đã có thành viên được chọn cùng lĩnh vực' } })).decideNomination;
    expect(notSelected).toMatchObject({ nationalDecision: 'NOT_SELECTED', nationalReason: 'Tỉnh đã có thành viên được chọn cùng lĩnh vực' });

    const withdrawn = await subgraph.execute(WITHDRAW_NOMINATION, { as: officer, variables: { id: picked.id } });
    expect(withdrawn.errors?.[0]).toMatchObject({ message: 'Cấp toàn quốc đã xét đề cử này', extensions: { code: 'CONFLICT' } });
    expect(await subgraph.db.manager.countBy(Nomination, { id: picked.id })).toBe(1);
    const entries = await subgraph.db.manager.findBy(AuditEntry, { action: 'decideNomination', entityId: picked.id });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toMatch(formDetails(1990));
  });

  it('decides a nomination once when two national officers decide at the same moment', async () => {
    const nomination = await fakeNomination(subgraph.db, await fakeCampaign(subgraph.db, tree.province), await fakeMember(subgraph.db, team));
    const colleague: HubClaims = { ...nationalOfficer, sub: 'national-officer-2' };
    const results = await Promise.all([
      subgraph.execute(DECIDE_NOMINATION, { as: nationalOfficer, variables: { id: nomination.id, decision: 'SELECTED' } }),
      subgraph.execute(DECIDE_NOMINATION, { as: colleague, variables: { id: nomination.id, decision: 'NOT_SELECTED', reason: 'Chưa đủ tiêu chí' } }),
    ]);
    expect(results.map(errorCodes).sort()).toEqual([['CONFLICT'], []].sort());
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'decideNomination', entityId: nomination.id })).toBe(1);
  });

  it('takes a province’s approved proposal sent on by its officers, and approves it onto the national honour roll or declines it, never returns it; once each', async () => {
    const { id } = ok(
      await subgraph.execute<any>(PROPOSE, {
        as: officer,
        variables: { input: { unitCode: tree.commune.code, nomineeKind: 'BUSINESS', fullName: 'Hợp tác xã Chè Quốc Gia', rewardTitle: 'Bằng khen của Thủ tướng Chính phủ', achievements: 'Đưa 80 sản phẩm lên sàn thương mại điện tử' } },
      }),
    ).proposeReward;
    // Not approved by the province yet: nothing to send on.
    expect(errorCodes(await subgraph.execute(SEND, { as: provinceOfficer, variables: { id } }))).toEqual(['CONFLICT']);
    ok(await subgraph.execute(DECIDE, { as: provinceOfficer, variables: { id, decision: 'APPROVE' } }));
    const nationalRoll = async () => (ok(await subgraph.execute<any>(ROLL, { variables: { code: 'VN' } })).honourRoll as { id: string }[]).map((entry) => entry.id);
    const provinceRoll = async () => (ok(await subgraph.execute<any>(ROLL, { variables: { code: tree.province.code } })).honourRoll as { id: string }[]).map((entry) => entry.id);
    expect(await provinceRoll()).toContain(id);
    expect(await nationalRoll()).not.toContain(id);

    // The commune's officer is not over the province; the nation decides nothing before it is sent.
    expect(errorCodes(await subgraph.execute(SEND, { as: officer, variables: { id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(DECIDE, { as: nationalOfficer, variables: { id, decision: 'APPROVE' } }))).toEqual(['CONFLICT']);
    const sent = ok(await subgraph.execute<any>(SEND, { as: provinceOfficer, variables: { id, key: 'send-to-nation-1' } })).sendRewardProposalToNation;
    expect(sent).toEqual({ id, status: 'APPROVED', nationalStatus: 'PROPOSED', awaitingUnitName: 'Toàn quốc', decidableByMe: false });
    expect(ok(await subgraph.execute<any>(SEND, { as: provinceOfficer, variables: { id, key: 'send-to-nation-1' } })).sendRewardProposalToNation).toEqual(sent);
    expect(errorCodes(await subgraph.execute(SEND, { as: provinceOfficer, variables: { id } }))).toEqual(['CONFLICT']);

    // The province's officer sent it: only the nation decides, and it does not return it.
    expect(errorCodes(await subgraph.execute(DECIDE, { as: provinceOfficer, variables: { id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    const queue = ok(await subgraph.execute<any>(`{ rewardProposals(unitCode: "VN") { id decidableByMe } }`, { as: nationalOfficer }));
    expect(queue.rewardProposals).toContainEqual({ id, decidableByMe: true });
    const returned = await subgraph.execute(DECIDE, { as: nationalOfficer, variables: { id, decision: 'RETURN', reason: 'Bổ sung' } });
    expect(returned.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision' });
    const approved = ok(await subgraph.execute<any>(DECIDE, { as: nationalOfficer, variables: { id, decision: 'APPROVE', key: 'nation-approves-1' } })).decideRewardProposal;
    expect(approved).toMatchObject({ status: 'APPROVED', awaitingUnitName: null });
    expect(await subgraph.db.manager.findOneByOrFail(RewardProposal, { id })).toMatchObject({ nationalStatus: ProposalStatus.APPROVED, nationalDecidedBy: 'national-officer', nationalDecidedOn: todayInVietnam() });
    expect(await nationalRoll()).toContain(id);
    expect(await provinceRoll()).toContain(id);
    expect(errorCodes(await subgraph.execute(DECIDE, { as: admin, variables: { id, decision: 'DECLINE', reason: 'Trùng' } }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'sendRewardProposalToNation', entityId: id })).toBe(1);

    // Declined nationally with a reason: it stays on the province's roll, off the nation's.
    const declined = await fakeProposal(subgraph.db, tree.commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10', nationalStatus: ProposalStatus.PROPOSED, nationalSentBy: 'province-officer' });
    const bare = await subgraph.execute(DECIDE, { as: nationalOfficer, variables: { id: declined.id, decision: 'DECLINE' } });
    expect(bare.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    ok(await subgraph.execute(DECIDE, { as: nationalOfficer, variables: { id: declined.id, decision: 'DECLINE', reason: 'Chưa đạt tiêu chuẩn khen thưởng cấp nhà nước' } }));
    expect(await subgraph.db.manager.findOneByOrFail(RewardProposal, { id: declined.id })).toMatchObject({ status: ProposalStatus.APPROVED, nationalStatus: ProposalStatus.DECLINED, nationalReason: 'Chưa đạt tiêu chuẩn khen thưởng cấp nhà nước' });
    expect(await nationalRoll()).not.toContain(declined.id);
    expect(await provinceRoll()).toContain(declined.id);
  });

  it('is sent on once and decided once when two officers act at the same moment', async () => {
    const approved = await fakeProposal(subgraph.db, tree.commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' });
    const colleague: HubClaims = { ...provinceOfficer, sub: 'province-officer-2' };
    const sends = await Promise.all([provinceOfficer, colleague].map((as) => subgraph.execute(SEND, { as, variables: { id: approved.id } })));
    expect(sends.map(errorCodes).sort()).toEqual([['CONFLICT'], []].sort());
    const decisions = await Promise.all([
      subgraph.execute(DECIDE, { as: nationalOfficer, variables: { id: approved.id, decision: 'APPROVE' } }),
      subgraph.execute(DECIDE, { as: { ...nationalOfficer, sub: 'national-officer-3' }, variables: { id: approved.id, decision: 'DECLINE', reason: 'Chưa đạt' } }),
    ]);
    expect(decisions.map(errorCodes).sort()).toEqual([['CONFLICT'], []].sort());
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'decideRewardProposal', entityId: approved.id })).toBe(1);
  });
});

describe('the honour roll', () => {
  it('is public and names organisations, and people only while their consent to be named holds', async () => {
    const { province, commune } = await fakeTwoTierTree(subgraph.db);
    const { team: local } = await fakeTeam(subgraph.db, commune);
    const officerHere: HubClaims = { sub: 'officer-here', roles: [Role.OFFICER], units: [commune.code] };
    const provinceHere: HubClaims = { sub: 'province-here', roles: [Role.OFFICER], units: [province.code] };
    const campaign = await fakeCampaign(subgraph.db, province, { title: 'Ngày Chuyển đổi số quốc gia 10/10/2025' });
    const member = await fakeMember(subgraph.db, local);
    const consent = { noticeVersion: '2025-10', channel: 'PAPER_FORM' };
    const propose = async (input: Record<string, unknown>) => {
      const base = { unitCode: commune.code, campaignId: campaign.id, rewardTitle: 'Bằng khen của Chủ tịch UBND tỉnh', achievements: 'Hướng dẫn 300 người dân sử dụng dịch vụ công trực tuyến' };
      const { id } = ok(await subgraph.execute<any>(PROPOSE, { as: officerHere, variables: { input: { ...base, ...input } } })).proposeReward;
      ok(await subgraph.execute(DECIDE, { as: provinceHere, variables: { id, decision: 'APPROVE' } }));
      return id as string;
    };
    const consenting = await propose({ nomineeKind: 'MEMBER', memberId: member.id, fullName: 'Nguyễn Thị Đồng Ý', publicNameConsent: consent });
    const silent = await propose({ nomineeKind: 'RESIDENT', fullName: 'Lê Văn Kín Đáo' });
    const business = await propose({ nomineeKind: 'BUSINESS', fullName: 'Bưu điện xã' });
    const declined = await fakeProposal(subgraph.db, commune, { status: ProposalStatus.DECLINED, fullName: 'Không Được Duyệt' });

    const roll = ok(await subgraph.execute<any>(ROLL, { variables: { code: province.code } })).honourRoll as { id: string; name: string | null; campaignTitle: string }[];
    const byId = new Map(roll.map((entry) => [entry.id, entry]));
    expect(byId.get(consenting)).toMatchObject({ name: 'Nguyễn Thị Đồng Ý', nomineeKind: NomineeKind.MEMBER, campaignTitle: 'Ngày Chuyển đổi số quốc gia 10/10/2025', unitName: commune.name });
    expect(byId.get(silent)).toMatchObject({ name: null, achievements: null });
    expect(byId.get(business)?.name).toBe('Bưu điện xã');
    expect(byId.has(declined.id)).toBe(false);
    expect(JSON.stringify(roll)).not.toMatch(/Kín Đáo|(?<![0-9a-f-])0\d{9}(?![0-9a-f])/);

    // Withdrawn, the consent no longer names them.
    await subgraph.db.manager.update(Consent, { recordId: consenting, purpose: ConsentPurpose.HONOUR_ROLL }, { withdrawnAt: new Date(), withdrawnBy: 'officer-here' });
    const after = ok(await subgraph.execute<any>(ROLL, { variables: { code: province.code } })).honourRoll as { id: string; name: string | null }[];
    expect(after.find((entry) => entry.id === consenting)?.name).toBeNull();
  });

  describe('consent to be named, withdrawn and given later', () => {
    const WITHDRAW = `mutation ($id: ID!, $key: String) { withdrawHonourRollConsent(proposalId: $id, idempotencyKey: $key) { purpose withdrawnAt } }`;
    const REWARDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { rewards { id rewardTitle status namedOnHonourRoll consent { withdrawnAt } } } } }`;
    const consent = { noticeVersion: '2026-01', channel: 'PAPER_FORM' };

    /** An approved reward for a member of a fresh commune's team, named with their consent, and the people around it. */
    async function namedMember({ consenting = true } = {}) {
      const { province, commune } = await fakeTwoTierTree(subgraph.db);
      const { team: local } = await fakeTeam(subgraph.db, commune);
      const person = await fakePerson(subgraph.db, { fullName: 'Hà Thị Tuyên Dương' });
      const member = await fakeMember(subgraph.db, local, { person });
      const officerHere: HubClaims = { sub: 'officer-here', roles: [Role.OFFICER], units: [commune.code] };
      const input = {
        unitCode: commune.code,
        nomineeKind: 'MEMBER',
        memberId: member.id,
        fullName: person.fullName,
        rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
        achievements: 'Hướng dẫn 140 người cao tuổi ở thôn Đồng Bông cài VNeID',
        publicNameConsent: consenting ? consent : null,
      };
      const { id } = ok(await subgraph.execute<any>(PROPOSE, { as: officerHere, variables: { input } })).proposeReward;
      ok(await subgraph.execute(DECIDE, { as: { sub: 'province-here', roles: [Role.OFFICER], units: [province.code] }, variables: { id, decision: 'APPROVE' } }));
      const entry = async () => (ok(await subgraph.execute<any>(ROLL, { variables: { code: province.code } })).honourRoll as any[]).find((found) => found.id === id);
      return { id: id as string, province, commune, member, person, officerHere, entry };
    }

    it('by the member signed in: the roll loses the name and achievements at once; a retry with the key answers the same, without it a CONFLICT', async () => {
      const { id, member, entry } = await namedMember();
      expect(await entry()).toMatchObject({ name: 'Hà Thị Tuyên Dương', achievements: expect.stringContaining('VNeID') });
      const themselves: HubClaims = { sub: 'member-self', roles: [Role.MEMBER], member: member.id };
      const other: HubClaims = { sub: 'member-other', roles: [Role.MEMBER], member: (await fakeMember(subgraph.db, team)).id };

      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: other, variables: { id } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: { sub: 'officer-elsewhere', roles: [Role.OFFICER], units: [tree.commune.code] }, variables: { id } }))).toEqual(['FORBIDDEN']);
      expect(await entry()).toMatchObject({ name: 'Hà Thị Tuyên Dương' });

      const first = ok(await subgraph.execute<any>(WITHDRAW, { as: themselves, variables: { id, key: 'withdraw-honour-1' } })).withdrawHonourRollConsent;
      expect(first).toMatchObject({ purpose: 'HONOUR_ROLL', withdrawnAt: expect.any(String) });
      expect(await entry()).toMatchObject({ name: null, achievements: null, rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh' });
      expect(ok(await subgraph.execute<any>(WITHDRAW, { as: themselves, variables: { id, key: 'withdraw-honour-1' } })).withdrawHonourRollConsent).toEqual(first);
      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: themselves, variables: { id } }))).toEqual(['CONFLICT']);

      const kept = await subgraph.db.manager.findOneByOrFail(Consent, { recordId: id, purpose: ConsentPurpose.HONOUR_ROLL });
      expect(kept.withdrawnBy).toBe('data-subject');
      const entries = await subgraph.db.manager.findBy(AuditEntry, { action: 'withdrawHonourRollConsent', entityId: id });
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toMatch(/Tuyên Dương|VNeID|(?<![0-9a-f-])0\d{9}(?![0-9a-f])/);
      // The proposal and its decisions stay: the reward was given.
      expect(await subgraph.db.manager.findOneByOrFail(RewardProposal, { id })).toMatchObject({ status: ProposalStatus.APPROVED, fullName: 'Hà Thị Tuyên Dương' });
    });

    it('by the person with a one-time code to the member’s phone, who finds it in their report; by a resident with the phone given with the consent', async () => {
      const { id, person, commune, entry } = await namedMember();
      const asPerson = dataSubjectClaims(person.phone!);
      const stranger = dataSubjectClaims('0987000111');
      const report = async (claims: HubClaims) =>
        ok(await subgraph.execute<any>(REWARDS, { as: claims, variables: { r: [{ __typename: 'DataSubject', key: claims.sub.split(':')[1] }] } }))._entities[0].rewards;
      expect(await report(asPerson)).toEqual([expect.objectContaining({ id, status: 'APPROVED', namedOnHonourRoll: true, consent: { withdrawnAt: null } })]);
      expect(await report(stranger)).toEqual([]);

      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: stranger, variables: { id } }))).toEqual(['FORBIDDEN']);
      ok(await subgraph.execute(WITHDRAW, { as: asPerson, variables: { id } }));
      expect(await entry()).toMatchObject({ name: null, achievements: null });
      expect(await report(asPerson)).toEqual([expect.objectContaining({ id, namedOnHonourRoll: false, consent: { withdrawnAt: expect.any(String) } })]);

      // A resident has no membership: the phone they gave with the consent is how they prove it is theirs.
      const officerHere: HubClaims = { sub: 'officer-here', roles: [Role.OFFICER], units: [commune.code] };
      const resident = ok(
        await subgraph.execute<any>(PROPOSE, {
          as: officerHere,
          variables: {
            input: {
              unitCode: commune.code,
              nomineeKind: 'RESIDENT',
              fullName: 'Đinh Văn Chở Đò',
              rewardTitle: 'Giấy khen của Chủ tịch UBND xã',
              achievements: 'Chở tổ công nghệ số qua sông suốt chiến dịch',
              publicNameConsent: { ...consent, phone: '0912333444' },
            },
          },
        }),
      ).proposeReward.id;
      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: asPerson, variables: { id: resident } }))).toEqual(['FORBIDDEN']);
      expect(await report(dataSubjectClaims('0912333444'))).toEqual([expect.objectContaining({ id: resident, status: 'PROPOSED', namedOnHonourRoll: false })]);
      ok(await subgraph.execute(WITHDRAW, { as: dataSubjectClaims('0912333444'), variables: { id: resident } }));
    });

    it('once, when the same withdrawal arrives twice at the same moment: with one key both get its answer, without a key the second a CONFLICT', async () => {
      const { id, member } = await namedMember();
      const themselves: HubClaims = { sub: 'member-racing', roles: [Role.MEMBER], member: member.id };
      const withKey = await Promise.all([1, 2].map(() => subgraph.execute<any>(WITHDRAW, { as: themselves, variables: { id, key: 'withdraw-honour-race' } })));
      expect(withKey.map((result) => result.errors)).toEqual([undefined, undefined]);
      expect(withKey[1].data).toEqual(withKey[0].data);
      expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'withdrawHonourRollConsent', entityId: id })).toBe(1);

      const other = await namedMember();
      const racing: HubClaims = { sub: 'member-racing-2', roles: [Role.MEMBER], member: other.member.id };
      const withoutKey = await Promise.all([1, 2].map(() => subgraph.execute(WITHDRAW, { as: racing, variables: { id: other.id } })));
      expect(withoutKey.map(errorCodes).sort()).toEqual([['CONFLICT'], []].sort());
    });

    it('by an officer over the proposing unit on the person’s behalf; refused for a business, which gave no consent, and for an unknown proposal', async () => {
      const { id, officerHere, entry, commune } = await namedMember();
      ok(await subgraph.execute(WITHDRAW, { as: officerHere, variables: { id } }));
      expect((await entry()).name).toBeNull();
      expect((await subgraph.db.manager.findOneByOrFail(Consent, { recordId: id })).withdrawnBy).toBe('officer-here');
      const business = await fakeProposal(subgraph.db, commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' });
      const refused = await subgraph.execute(WITHDRAW, { as: officerHere, variables: { id: business.id } });
      expect(errorCodes(refused)).toEqual(['CONFLICT']);
      expect(refused.errors?.[0].message).toBe('Hồ sơ này không có sự đồng ý nào để rút lại');
      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: officerHere, variables: { id: '00000000-0000-4000-8000-000000000000' } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await subgraph.execute(WITHDRAW, { as: officerHere, variables: { id, key: 'short' } }))).toEqual(['BAD_USER_INPUT']);
    });

    const GIVE = `mutation ($id: ID!, $consent: ResidentConsentInput!, $key: String) {
      giveHonourRollConsent(proposalId: $id, consent: $consent, idempotencyKey: $key) { purpose noticeVersion channel givenOn withdrawnAt }
    }`;
    const MEMBER_REWARDS = `query ($id: ID!) { member(id: $id) { rewards { id rewardTitle status namedOnHonourRoll consent { channel withdrawnAt } } } }`;

    it('given later by the member signed in: the roll names them from then on, the consent recorded with its notice, time and channel; once while it holds', async () => {
      const { id, member, person, entry } = await namedMember({ consenting: false });
      expect(await entry()).toMatchObject({ name: null, achievements: null });
      const themselves: HubClaims = { sub: 'member-giving', roles: [Role.MEMBER], member: member.id };
      const other: HubClaims = { sub: 'member-other', roles: [Role.MEMBER], member: (await fakeMember(subgraph.db, team)).id };
      const variables = { id, consent: { noticeVersion: '2026-01', channel: 'PAPER_FORM' }, key: 'give-honour-1' };

      expect(errorCodes(await subgraph.execute(GIVE, { as: other, variables: { ...variables, key: null } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await subgraph.execute(GIVE, { as: { sub: 'officer-elsewhere', roles: [Role.OFFICER], units: [tree.commune.code] }, variables: { ...variables, key: null } }))).toEqual(['FORBIDDEN']);
      expect(await subgraph.db.manager.countBy(Consent, { recordId: id })).toBe(0);

      const given = ok(await subgraph.execute<any>(GIVE, { as: themselves, variables })).giveHonourRollConsent;
      // The person answers on the hub's own form, today, whatever the request says.
      expect(given).toEqual({ purpose: 'HONOUR_ROLL', noticeVersion: '2026-01', channel: 'ONLINE_FORM', givenOn: todayInVietnam(), withdrawnAt: null });
      expect(await entry()).toMatchObject({ name: 'Hà Thị Tuyên Dương', achievements: expect.stringContaining('VNeID') });
      expect(ok(await subgraph.execute<any>(GIVE, { as: themselves, variables })).giveHonourRollConsent).toEqual(given);
      const again = await subgraph.execute(GIVE, { as: themselves, variables: { ...variables, key: null } });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(again.errors?.[0].message).toBe('Người này đã đồng ý rồi, sự đồng ý vẫn còn hiệu lực');

      // Theirs by their own phone: their report finds it, and a code to that phone withdraws it.
      const kept = await subgraph.db.manager.findOneByOrFail(Consent, { recordId: id, purpose: ConsentPurpose.HONOUR_ROLL });
      expect(kept).toMatchObject({ subjectKey: subjectKeyOf(person.phone!), recordedBy: 'member-giving', withdrawnAt: null });
      const entries = await subgraph.db.manager.findBy(AuditEntry, { action: 'giveHonourRollConsent', entityId: id });
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toMatch(/Tuyên Dương|VNeID|(?<![0-9a-f-])0\d{9}(?![0-9a-f])/);
    });

    it('given again by a resident with a one-time code to the phone of the consent they withdrew; by an officer entering a paper form; refused for a business and a stranger', async () => {
      const { province, commune } = await fakeTwoTierTree(subgraph.db);
      const officerHere: HubClaims = { sub: 'officer-giving', roles: [Role.OFFICER], units: [commune.code] };
      const resident = await fakeProposal(subgraph.db, commune, { nomineeKind: NomineeKind.RESIDENT, fullName: 'Lò Thị Dệt Thổ Cẩm', status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' });
      const named = async () => (ok(await subgraph.execute<any>(ROLL, { variables: { code: province.code } })).honourRoll as any[]).find((found) => found.id === resident.id).name;
      const asResident = dataSubjectClaims('0912333555');
      // Never asked: the hub has no phone of theirs, so only an officer can enter their answer.
      expect(errorCodes(await subgraph.execute(GIVE, { as: asResident, variables: { id: resident.id, consent } }))).toEqual(['FORBIDDEN']);
      const onPaper = { ...consent, givenOn: '2025-10-05', phone: '0912333555' };
      expect(ok(await subgraph.execute<any>(GIVE, { as: officerHere, variables: { id: resident.id, consent: onPaper } })).giveHonourRollConsent).toMatchObject({ channel: 'PAPER_FORM', givenOn: '2025-10-05' });
      expect(await named()).toBe('Lò Thị Dệt Thổ Cẩm');

      ok(await subgraph.execute(WITHDRAW, { as: asResident, variables: { id: resident.id } }));
      expect(await named()).toBeNull();
      expect(errorCodes(await subgraph.execute(GIVE, { as: dataSubjectClaims('0987000222'), variables: { id: resident.id, consent } }))).toEqual(['FORBIDDEN']);
      expect(ok(await subgraph.execute<any>(GIVE, { as: asResident, variables: { id: resident.id, consent } })).giveHonourRollConsent).toMatchObject({ channel: 'ONLINE_FORM', withdrawnAt: null });
      expect(await named()).toBe('Lò Thị Dệt Thổ Cẩm');
      // The same row, given again: one consent per record and purpose.
      expect(await subgraph.db.manager.findBy(Consent, { recordId: resident.id })).toEqual([expect.objectContaining({ withdrawnAt: null, withdrawnBy: null, channel: 'ONLINE_FORM' })]);

      const business = await fakeProposal(subgraph.db, commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' });
      const refused = await subgraph.execute(GIVE, { as: officerHere, variables: { id: business.id, consent } });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0].extensions?.field).toBe('proposalId');
      expect(await subgraph.db.manager.countBy(Consent, { recordId: business.id })).toBe(0);
      const badNotice = await subgraph.execute(GIVE, { as: officerHere, variables: { id: resident.id, consent: { ...consent, noticeVersion: 'mới nhất' } } });
      expect(badNotice.errors?.[0].extensions?.field).toBe('noticeVersion');
    });

    it('once, when two give it at the same moment: a first consent meets the other at its unique index, a withdrawn one at the conditional update', async () => {
      const { id, member } = await namedMember({ consenting: false });
      const racing: HubClaims = { sub: 'member-racing-give', roles: [Role.MEMBER], member: member.id };
      const give = () => subgraph.execute(GIVE, { as: racing, variables: { id, consent } });
      expect((await Promise.all([give(), give()])).map(errorCodes).sort()).toEqual([['CONFLICT'], []].sort());
      expect(await subgraph.db.manager.countBy(Consent, { recordId: id })).toBe(1);

      ok(await subgraph.execute(WITHDRAW, { as: racing, variables: { id } }));
      expect((await Promise.all([give(), give()])).map(errorCodes).sort()).toEqual([['CONFLICT'], []].sort());
      expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'giveHonourRollConsent', entityId: id })).toBe(2);
    });

    it('the member signed in sees their own rewards without the one-time code, from any membership of theirs; nobody else through it', async () => {
      const { id, member, person, officerHere } = await namedMember();
      const { team: village } = await fakeTeam(subgraph.db, (await fakeTwoTierTree(subgraph.db)).village);
      const otherMembership = await fakeMember(subgraph.db, village, { person });
      const asMember = (membership: { id: string }): HubClaims => ({ sub: `member-${membership.id}`, roles: [Role.MEMBER], member: membership.id });
      const rewards = async (membership: { id: string }, as: HubClaims) => subgraph.execute<any>(MEMBER_REWARDS, { as, variables: { id: membership.id } });

      const expected = [{ id, rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh', status: 'APPROVED', namedOnHonourRoll: true, consent: { channel: 'PAPER_FORM', withdrawnAt: null } }];
      expect(ok(await rewards(member, asMember(member))).member.rewards).toEqual(expected);
      expect(ok(await rewards(otherMembership, asMember(otherMembership))).member.rewards).toEqual(expected);
      expect(errorCodes(await rewards(member, asMember(otherMembership)))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await rewards(member, officerHere))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await rewards(member, admin))).toEqual(['FORBIDDEN']);
    });
  });

  it('is read with a constant number of queries, however long', async () => {
    const { province, commune } = await fakeTwoTierTree(subgraph.db);
    const campaign = await fakeCampaign(subgraph.db, province);
    const approve = (count: number) =>
      Promise.all(Array.from({ length: count }, () => fakeProposal(subgraph.db, commune, { campaignId: campaign.id, status: ProposalStatus.APPROVED, decidedOn: '2025-10-10' })));
    await approve(1);
    const withOne = await subgraph.countQueries(() => subgraph.execute(ROLL, { variables: { code: province.code } }));
    await approve(8);
    const withNine = await subgraph.countQueries(() => subgraph.execute(ROLL, { variables: { code: province.code } }));
    expect(withNine).toBe(withOne);
  });
});
