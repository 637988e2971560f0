import { Role } from '../../common/auth';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { codeLikeHeadings, pdfText, workbookRows } from '../../common/testing/papers';
import type { ExportedFile } from '../../common/spreadsheets';
import { resources } from '..';
import { BudgetLine, BudgetSide, Expense, ExpenseStatus, FundingSource, Gift, ItemKind, Receipt, SponsorContact, type Programme } from '../entities';
import { fakeCashReceipt, fakeGiftLot, fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

/** The printable papers read back: PDF text through pdf.js, XLSX through exceljs. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, leader, officerElsewhere } = tree.callers;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

function file(result: OperationResult<Record<string, ExportedFile>>, name: string): ExportedFile {
  expect(result.errors).toBeUndefined();
  return result.data![name];
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function paper(query: string, variables: Record<string, unknown>, as: object | undefined = officer): Promise<ExportedFile> {
  const name = /\{\s*(\w+)/.exec(query)![1];
  return file(await subgraph.execute(query, { variables, as: as as never }), name);
}

const RECEIPT = `query ($id: ID!) { receiptPaper(receiptId: $id) { filename contentType base64 } }`;
const THANKS = `query ($id: ID!) { thankYouLetter(receiptId: $id) { filename contentType base64 } }`;
const ESTIMATE = `query ($id: ID!, $format: PaperFormat) { budgetEstimateFile(programmeId: $id, format: $format) { filename contentType base64 } }`;
const LEDGER = `query ($code: String, $id: ID, $format: PaperFormat) { ledgerFile(unitCode: $code, programmeId: $id, from: "2025-01-01", to: "2025-12-31", format: $format) { filename contentType base64 } }`;
const CONTACTS = `query ($id: ID!) { sponsorContactList(programmeId: $id) { filename contentType base64 } }`;

async function fairWithMoney(): Promise<{ programme: Programme; cash: Receipt; gift: Gift }> {
  const { manager } = subgraph.db;
  const programme = await fakeProgramme(subgraph.db, tree.village, { name: 'Ngày hội chuyển đổi số Bản Xốp Cháo', teamId: tree.teamId });
  const sponsor = await fakeSponsor(subgraph.db, tree.commune, { name: 'Viettel Nghệ An', taxCode: '0100109106' });
  await manager.save(manager.create(SponsorContact, { sponsorId: sponsor.id, fullName: 'Đỗ Văn Liên', position: 'Giám đốc chi nhánh', phone: '0912345678', email: 'lien@example.vn' }));
  await fakePledge(subgraph.db, programme, sponsor, { amount: 20_000_000 });
  const cash = await fakeCashReceipt(subgraph.db, programme, 12_345_000);
  await manager.update(Receipt, cash.id, { sponsorId: sponsor.id, note: 'Tài trợ sân khấu' });
  const gift = await fakeGiftLot(subgraph.db, programme, 3, { itemKind: ItemKind.DEVICE, description: 'Máy tính bảng Samsung', unitValue: 4_500_000, codes: 'SN-AAA-001\nSN-AAA-002\nSN-AAA-003' });
  await manager.update(Receipt, gift.receiptId, { amount: 13_500_000 });
  const stateBudget = await fakeCashReceipt(subgraph.db, programme, 5_000_000);
  await manager.update(Receipt, stateBudget.id, { source: FundingSource.STATE_BUDGET });
  await manager.save([
    manager.create(BudgetLine, { programmeId: programme.id, side: BudgetSide.INCOME, position: 1, item: 'Tài trợ của doanh nghiệp', unit: 'gói', unitPrice: 20_000_000, quantity: 1, note: null }),
    manager.create(BudgetLine, { programmeId: programme.id, side: BudgetSide.EXPENSE, position: 1, item: 'Phông bạt, sân khấu', unit: 'bộ', unitPrice: 5_000_000, quantity: 1, note: 'Thuê trọn gói' }),
    manager.create(BudgetLine, { programmeId: programme.id, side: BudgetSide.EXPENSE, position: 2, item: 'Nước uống', unit: 'chai', unitPrice: 10_000, quantity: 300, note: null }),
  ]);
  await manager.save(
    manager.create(Expense, { programmeId: programme.id, budgetLineId: null, amount: 5_600_000, spentOn: '2025-10-01', description: 'Thuê phông bạt', evidence: 'HĐ 12', status: ExpenseStatus.APPROVED, decidedBy: 'officer', recordedBy: 'test' }),
  );
  return { programme, cash: { ...cash, sponsorId: sponsor.id } as Receipt, gift };
}

it('prints a cash receipt (phiếu thu) with the national heading, the issuing team, its number, the amount and signature blocks', async () => {
  const { cash } = await fairWithMoney();
  const text = flat(await pdfText(await paper(RECEIPT, { id: cash.id })));
  for (const expected of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập – Tự do – Hạnh phúc',
    'XÃ TAM QUANG',
    'TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG BẢN XỐP CHÁO',
    `Số: ${tree.village.unitCode}/2025/`,
    'Xốp Cháo, ngày 20 tháng 09 năm 2025',
    'PHIẾU THU',
    'Họ tên người nộp: Viettel Nghệ An',
    'Lý do nộp: Tài trợ sân khấu',
    'Hình thức: chuyển khoản',
    'Số tiền: 12.345.000 đồng',
    'NGƯỜI NỘP TIỀN',
    'THỦ QUỸ',
  ]) {
    expect(text).toContain(expected);
  }
});

it('prints an in-kind receipt (biên nhận hiện vật) with its gifts and their values, never their codes', async () => {
  const { gift } = await fairWithMoney();
  const text = flat(await pdfText(await paper(RECEIPT, { id: gift.receiptId })));
  expect(text).toContain('BIÊN NHẬN HIỆN VẬT');
  expect(text).toContain('Máy tính bảng Samsung Thiết bị 3 4.500.000 13.500.000');
  expect(text).toContain('Tổng cộng 13.500.000');
  expect(text).not.toContain('SN-AAA');
});

it('writes the thank-you letter to the sponsor, and refuses a receipt that names no sponsor, naming receiptId', async () => {
  const { cash, programme } = await fairWithMoney();
  const text = flat(await pdfText(await paper(THANKS, { id: cash.id })));
  expect(text).toContain('THƯ CẢM ƠN');
  expect(text).toContain('Kính gửi: Viettel Nghệ An');
  expect(text).toContain('“Ngày hội chuyển đổi số Bản Xốp Cháo”, trao tặng số tiền 12.345.000 đồng ngày 20/09/2025');
  expect(text).toContain('TM. TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG BẢN XỐP CHÁO');

  const anonymous = await fakeCashReceipt(subgraph.db, programme, 100_000);
  const refused = await subgraph.execute(THANKS, { variables: { id: anonymous.id }, as: officer });
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0].extensions!.field).toBe('receiptId');
});

it('keeps receipts and letters to the programme’s managers', async () => {
  const { cash } = await fairWithMoney();
  for (const query of [RECEIPT, THANKS]) {
    expect(errorCodes(await subgraph.execute(query, { variables: { id: cash.id }, as: officerElsewhere }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(query, { variables: { id: cash.id } }))).toEqual(['UNAUTHENTICATED']);
    expect((await subgraph.execute(query, { variables: { id: cash.id }, as: leader })).errors).toBeUndefined();
  }
});

it('prints the budget estimate in form 6.4, as PDF and as XLSX with the same figures', async () => {
  const { programme } = await fairWithMoney();
  const text = flat(await pdfText(await paper(ESTIMATE, { id: programme.id }, undefined)));
  for (const expected of [
    'DỰ TOÁN KINH PHÍ',
    'Chương trình: Ngày hội chuyển đổi số Bản Xốp Cháo',
    'STT Nội dung Đơn vị tính Đơn giá (đồng) Số lượng Thành tiền (đồng) Ghi chú',
    'I Thu',
    '1 Tài trợ của doanh nghiệp gói 20.000.000 1 20.000.000',
    'Cộng thu 20.000.000',
    'II Chi',
    '1 Phông bạt, sân khấu bộ 5.000.000 1 5.000.000 Thuê trọn gói',
    '2 Nước uống chai 10.000 300 3.000.000',
    'Cộng chi 8.000.000',
    'Chênh lệch thu – chi 12.000.000',
    'NGƯỜI LẬP DỰ TOÁN',
  ]) {
    expect(text).toContain(expected);
  }

  const workbook = await paper(ESTIMATE, { id: programme.id, format: 'XLSX' }, undefined);
  expect(workbook.filename).toMatch(/\.xlsx$/);
  expect(await codeLikeHeadings(workbook)).toEqual([]);
  const rows = await workbookRows(workbook);
  expect(rows[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(rows.flat()).toContain('DỰ TOÁN KINH PHÍ');
  const heading = rows.findIndex((row) => row[0] === 'STT');
  expect(rows[heading]).toEqual(['STT', 'Nội dung', 'Đơn vị tính', 'Đơn giá (đồng)', 'Số lượng', 'Thành tiền (đồng)', 'Ghi chú']);
  expect(rows.slice(heading + 1, heading + 9)).toEqual([
    ['I', 'Thu', '', '', '', '', ''],
    ['1', 'Tài trợ của doanh nghiệp', 'gói', '20000000', '1', '20000000', ''],
    ['', 'Cộng thu', '', '', '', '20000000', ''],
    ['II', 'Chi', '', '', '', '', ''],
    ['1', 'Phông bạt, sân khấu', 'bộ', '5000000', '1', '5000000', 'Thuê trọn gói'],
    ['2', 'Nước uống', 'chai', '10000', '300', '3000000', ''],
    ['', 'Cộng chi', '', '', '', '8000000', ''],
    ['', 'Chênh lệch thu – chi', '', '', '', '12000000', ''],
  ]);
});

it('prints the public ledger of a period for anyone, sources apart, without codes or contacts', async () => {
  const { programme } = await fairWithMoney();
  const text = flat(await pdfText(await paper(LEDGER, { id: programme.id }, undefined)));
  for (const expected of [
    'CÔNG KHAI THU CHI',
    'Chương trình: Ngày hội chuyển đổi số Bản Xốp Cháo, từ 01/01/2025 đến 31/12/2025',
    'Viettel Nghệ An',
    'Ngân sách nhà nước',
    'Máy tính bảng Samsung',
    'Tổng thu 30.845.000',
    'Trong đó vận động tài trợ: 25.845.000 đồng',
    'Ngân sách nhà nước: 5.000.000 đồng',
    'Thuê phông bạt 5.600.000',
    'Tổng chi 5.600.000',
    'Còn lại (thu – chi): 25.245.000 đồng',
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).not.toContain('SN-AAA');
  expect(text).not.toContain('0912345678');

  const ledger = await paper(LEDGER, { id: programme.id, format: 'XLSX' }, undefined);
  expect(await codeLikeHeadings(ledger)).toEqual([]);
  const rows = await workbookRows(ledger);
  const cells = rows.flat();
  expect(cells).toContain('CÔNG KHAI THU CHI');
  expect(cells).toContain('Tổng thu');
  expect(rows.find((row) => row[4] === 'Tổng thu')?.[5]).toBe('30845000');
  expect(rows.find((row) => row[3] === 'Tổng chi')?.[4]).toBe('5600000');
  expect(cells.join(' ')).not.toMatch(/SN-AAA|0912345678|MOBILISED|STATE_BUDGET/);
});

it('lists a campaign’s sponsors with their contacts, pledged and received, for officers over its unit only', async () => {
  const { programme } = await fairWithMoney();
  const rows = await workbookRows(await paper(CONTACTS, { id: programme.id }));
  const heading = rows.findIndex((row) => row[0] === 'STT');
  expect(rows[heading]).toEqual(['STT', 'Nhà tài trợ', 'Mã số thuế', 'Người liên hệ', 'Chức vụ', 'Điện thoại', 'Thư điện tử', 'Đã cam kết (đồng)', 'Đã nhận (đồng)']);
  expect(rows[heading + 1]).toEqual(['1', 'Viettel Nghệ An', '0100109106', 'Đỗ Văn Liên', 'Giám đốc chi nhánh', '0912345678', 'lien@example.vn', '20000000', '12345000']);
  for (const caller of [leader, officerElsewhere, { sub: 'o', roles: [Role.ORGANISER] }]) {
    expect(errorCodes(await subgraph.execute(CONTACTS, { variables: { id: programme.id }, as: caller as never }))).toEqual(['FORBIDDEN']);
  }
});

it('reads a contact list in the same number of queries whatever the number of sponsors', async () => {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  const count = () => subgraph.countQueries(() => subgraph.execute(CONTACTS, { variables: { id: programme.id }, as: officer }));
  const addSponsor = async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    await subgraph.db.manager.save(subgraph.db.manager.create(SponsorContact, { sponsorId: sponsor.id, fullName: 'Người liên hệ', position: null, phone: null, email: null }));
    await fakePledge(subgraph.db, programme, sponsor);
  };
  await addSponsor();
  const one = await count();
  await addSponsor();
  await addSponsor();
  expect(await count()).toBe(one);
});
