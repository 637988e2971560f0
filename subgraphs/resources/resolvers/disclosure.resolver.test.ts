import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { Expense, ExpenseStatus, SponsorContact, SponsorKind, type Programme, type Sponsor } from '../entities';
import { fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

let subgraph: TestSubgraph;
const tree = fakeTree();
const officer: HubClaims = { sub: 'officer', roles: [Role.OFFICER], units: [tree.province.unitCode] };

const DISCLOSURE = `query ($unitCode: String, $programmeId: ID, $from: LocalDate, $to: LocalDate) {
  disclosure(unitCode: $unitCode, programmeId: $programmeId, from: $from, to: $to) {
    from to totalIncome totalSpending
    income { date programme description amount receiptNumber donor }
    spending { date programme description amount receiptNumber donor }
  }
}`;

const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const SECRET_CODE = 'LIC-ABC-123-SECRET';
const CONTACT_PHONE = '0912000111';

let campaign: Programme;
let villageFair: Programme;
let elsewhere: Programme;
let named: Sponsor;
let unnamed: Sponsor;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function giveCash(programme: Programme, receivedOn: string, amount: string, method: string, sponsor?: Sponsor) {
  const input = { programmeId: programme.id, sponsorId: sponsor?.id, receivedOn, amount, method };
  ok(await subgraph.execute(`mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id } }`, { as: officer, variables: { input } }));
}

function spend(programme: Programme, spentOn: string, amount: number, description: string, status: ExpenseStatus) {
  return subgraph.db.manager.save(
    subgraph.db.manager.create(Expense, { programmeId: programme.id, budgetLineId: null, amount, spentOn, description, evidence: 'HĐ 001', status, decidedBy: null }),
  );
}

const disclose = (variables: Record<string, unknown>) => subgraph.execute(DISCLOSURE, { variables });

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
  const { db } = subgraph;
  campaign = await fakeProgramme(db, tree.commune, { name: 'Chiến dịch kỹ năng số' });
  villageFair = await fakeProgramme(db, tree.village, { name: 'Phiên chợ số', teamId: tree.teamId });
  elsewhere = await fakeProgramme(db, tree.otherCommune, { name: 'Chương trình xã bên' });
  named = await fakeSponsor(db, tree.province, { name: 'Viettel Nghệ An', publiclyNamed: true });
  unnamed = await fakeSponsor(db, tree.commune, { name: 'Ông Nguyễn Văn Kín', kind: SponsorKind.INDIVIDUAL, publiclyNamed: false });
  for (const sponsor of [named, unnamed]) {
    await db.manager.save(db.manager.create(SponsorContact, { sponsorId: sponsor.id, fullName: 'Trần Thị Liên', position: null, phone: CONTACT_PHONE, email: null }));
  }

  await giveCash(campaign, '2024-12-31', '700000', 'CASH', named);
  await giveCash(campaign, '2025-03-01', '2000000', 'BANK_TRANSFER', named);
  await giveCash(campaign, '2025-03-02', '1000000', 'CASH', unnamed);
  await giveCash(campaign, '2025-03-03', '300000', 'E_WALLET');
  const gifts = [{ itemKind: 'DEVICE', description: 'Máy tính bảng', quantity: 5, unitValue: '3000000', codes: [SECRET_CODE, 'LIC-2', 'LIC-3', 'LIC-4', 'LIC-5'] }];
  ok(
    await subgraph.execute(`mutation ($input: InKindDonationInput!) { recordInKindDonation(input: $input) { id } }`, {
      as: officer,
      variables: { input: { programmeId: villageFair.id, sponsorId: named.id, receivedOn: '2025-04-01', gifts } },
    }),
  );
  await giveCash(elsewhere, '2025-03-05', '9000000', 'CASH');

  await spend(campaign, '2025-05-01', 500_000, 'Thuê loa đài', ExpenseStatus.APPROVED);
  await spend(campaign, '2025-05-02', 300_000, 'Nước uống', ExpenseStatus.PENDING);
  await spend(campaign, '2025-05-03', 200_000, 'Hoa tươi', ExpenseStatus.REJECTED);
  await spend(villageFair, '2025-05-04', 400_000, 'In băng rôn', ExpenseStatus.APPROVED);
  await spend(elsewhere, '2025-05-05', 800_000, 'Chi của xã bên', ExpenseStatus.APPROVED);
});
afterAll(() => subgraph.close());

describe('disclosure', () => {
  it('shows a unit’s subtree to anyone, with receipt numbers, consenting donors only, and approved spending only', async () => {
    const { disclosure } = ok(await disclose({ unitCode: tree.commune.unitCode, ...YEAR }));
    const commune = tree.commune.unitCode;
    expect(disclosure.income).toEqual([
      { date: '2025-03-01', programme: campaign.name, description: 'Chuyển khoản', amount: '2000000', receiptNumber: `${commune}/2025/0001`, donor: 'Viettel Nghệ An' },
      { date: '2025-03-02', programme: campaign.name, description: 'Tiền mặt', amount: '1000000', receiptNumber: `${commune}/2025/0002`, donor: 'Nhà hảo tâm' },
      { date: '2025-03-03', programme: campaign.name, description: 'Ví điện tử', amount: '300000', receiptNumber: `${commune}/2025/0003`, donor: 'Nhà hảo tâm' },
      { date: '2025-04-01', programme: villageFair.name, description: '5 × Máy tính bảng', amount: '15000000', receiptNumber: `${tree.village.unitCode}/2025/0001`, donor: 'Viettel Nghệ An' },
    ]);
    expect(disclosure.spending).toEqual([
      { date: '2025-05-01', programme: campaign.name, description: 'Thuê loa đài', amount: '500000', receiptNumber: null, donor: null },
      { date: '2025-05-04', programme: villageFair.name, description: 'In băng rôn', amount: '400000', receiptNumber: null, donor: null },
    ]);
    expect(disclosure).toMatchObject({ ...YEAR, totalIncome: '18300000', totalSpending: '900000' });
  });

  it('never shows gift codes, contacts’ phones or the names of donors who did not consent', async () => {
    for (const variables of [{ unitCode: tree.province.unitCode, ...YEAR }, { programmeId: villageFair.id, ...YEAR }]) {
      const response = JSON.stringify(await disclose(variables));
      expect(response).toContain('Máy tính bảng');
      for (const secret of [SECRET_CODE, CONTACT_PHONE, 'Trần Thị Liên', unnamed.name]) expect(response).not.toContain(secret);
    }
  });

  it('shows one programme by programmeId', async () => {
    const { disclosure } = ok(await disclose({ programmeId: villageFair.id, ...YEAR }));
    expect(disclosure.income.map((entry: { receiptNumber: string }) => entry.receiptNumber)).toEqual([`${tree.village.unitCode}/2025/0001`]);
    expect(disclosure.spending.map((entry: { description: string }) => entry.description)).toEqual(['In băng rôn']);
    expect(disclosure).toMatchObject({ totalIncome: '15000000', totalSpending: '400000' });
  });

  it('leaves out units outside the subtree and entries outside the period', async () => {
    const commune = ok(await disclose({ unitCode: tree.commune.unitCode, ...YEAR })).disclosure;
    expect(JSON.stringify(commune)).not.toContain(elsewhere.name);
    const other = ok(await disclose({ unitCode: tree.otherCommune.unitCode, ...YEAR })).disclosure;
    expect(other).toMatchObject({ totalIncome: '9000000', totalSpending: '800000' });
    expect([...other.income, ...other.spending].map((entry: { programme: string }) => entry.programme)).toEqual([elsewhere.name, elsewhere.name]);
    const lastYear = ok(await disclose({ unitCode: tree.commune.unitCode, from: '2024-01-01', to: '2024-12-31' })).disclosure;
    expect(lastYear.income).toEqual([expect.objectContaining({ date: '2024-12-31', amount: '700000', receiptNumber: `${tree.commune.unitCode}/2024/0001` })]);
    expect(lastYear.spending).toEqual([]);
  });

  it('needs exactly one of unitCode and programmeId', async () => {
    expect(errorCodes(await disclose({ ...YEAR }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await disclose({ unitCode: tree.commune.unitCode, programmeId: campaign.id, ...YEAR }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a period that ends before it starts, naming from', async () => {
    const refused = await disclose({ unitCode: tree.commune.unitCode, from: '2025-12-31', to: '2025-01-01' });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
