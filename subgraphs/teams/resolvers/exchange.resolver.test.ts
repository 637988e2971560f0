import ExcelJS from 'exceljs';
import { Role } from '../../common/auth';
import { codeLikeHeadings } from '../../common/testing/papers';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { ActivityReport, ActivityReportRevision, type Team } from '../entities';
import { fakeReport, fakeTeam, fakeTwoTierTree } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let team: Team;
let otherTeam: Team;
const leader = () => ({ sub: 'leader', roles: [Role.TEAM_LEADER], team: team.id });
const officer = () => ({ sub: 'officer', roles: [Role.OFFICER], units: [tree.commune.code] });

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  team = (await fakeTeam(subgraph.db, tree.village, { name: 'Tổ bản Xốp Cháo' })).team;
  otherTeam = (await fakeTeam(subgraph.db, tree.otherVillage, { name: 'Tổ bản Tân Hương' })).team;
  await fakeReport(subgraph.db, team, '2025-07', { guidedOnlinePayment: 40, householdVisits: 30 });
  await fakeReport(subgraph.db, otherTeam, '2025-07', { guidedOnlinePayment: 12 });
});
afterAll(() => subgraph.close());

const EXPORT = `query ($teamId: ID!, $month: String!, $format: SheetFormat!) {
  exportActivityReport(teamId: $teamId, month: $month, format: $format) { filename contentType base64 } }`;
const IMPORT = `mutation ($format: SheetFormat!, $content: String!, $reason: String) {
  importActivityReport(format: $format, content: $content, reason: $reason) { month revision note figures { indicator value } revisions { reason } } }`;
const READ = `query ($id: ID!) { team(id: $id) { activityReports(period: "2025-Q3") { month revision figures { indicator value } } } }`;

async function exported(month: string, format: 'XLSX' | 'CSV') {
  const result = await subgraph.execute(EXPORT, { as: leader(), variables: { teamId: team.id, month, format } });
  expect(result.errors).toBeUndefined();
  return result.data?.exportActivityReport as { filename: string; contentType: string; base64: string };
}

const valueOf = (figures: { indicator: string; value: number }[], indicator: string) => figures.find((figure) => figure.indicator === indicator)?.value;

async function storedCounts() {
  return [await subgraph.db.manager.count(ActivityReport), await subgraph.db.manager.count(ActivityReportRevision)];
}

describe('the report form as XLSX', () => {
  it('round-trips: export, change a figure in the workbook, import as a correction, read it back', async () => {
    const file = await exported('2025-07', 'XLSX');
    expect(await codeLikeHeadings(file)).toEqual([]);
    expect(file).toMatchObject({ filename: expect.stringMatching(/^bao-cao-2025-07-.*\.xlsx$/), contentType: expect.stringContaining('spreadsheetml') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A5').text).toBe('STT');
    const paymentRow = sheet.getColumn(3).values.indexOf('GUIDED_ONLINE_PAYMENT');
    expect(sheet.getRow(paymentRow).getCell(4).value).toBe(40);
    expect(sheet.getRow(paymentRow).getCell(2).text).toMatch(/thanh toán trực tuyến/);
    sheet.getRow(paymentRow).getCell(4).value = 48;
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

    const imported = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'XLSX', content, reason: 'Bổ sung 8 hộ' } });
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importActivityReport).toMatchObject({ month: '2025-07', revision: 2, revisions: [{ reason: null }, { reason: 'Bổ sung 8 hộ' }] });

    const read = await subgraph.execute(READ, { as: officer(), variables: { id: team.id } });
    const [july] = read.data?.team.activityReports;
    expect(valueOf(july.figures, 'GUIDED_ONLINE_PAYMENT')).toBe(48);
    expect(valueOf(july.figures, 'HOUSEHOLD_VISITS')).toBe(30);
  });

  it('asks why when the imported month is reported already, and writes nothing', async () => {
    const { base64 } = await exported('2025-07', 'XLSX');
    const before = await storedCounts();
    const result = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'XLSX', content: base64 } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await storedCounts()).toEqual(before);
  });
});

describe('the report form as CSV', () => {
  it('round-trips: the blank template of an unreported month, filled in, imported as the first report', async () => {
    const file = await exported('2025-08', 'CSV');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFBÁO CÁO KẾT QUẢ HOẠT ĐỘNG')).toBe(true);
    const filled = text
      .replace(/,VNEID_ACTIVATIONS,0,/, ',VNEID_ACTIVATIONS,25,')
      .replace(/,NOTE,,/, ',NOTE,,"Bản đã hoàn thành, vượt chỉ tiêu ""VNeID"""');
    const imported = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'CSV', content: Buffer.from(filled).toString('base64') } });
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importActivityReport).toMatchObject({ month: '2025-08', revision: 1, note: 'Bản đã hoàn thành, vượt chỉ tiêu "VNeID"' });

    const again = Buffer.from((await exported('2025-08', 'CSV')).base64, 'base64').toString('utf8');
    expect(again).toMatch(/,VNEID_ACTIVATIONS,25,/);
  });

  it('names every bad row and writes nothing', async () => {
    const text = Buffer.from((await exported('2025-09', 'CSV')).base64, 'base64').toString('utf8');
    const lines = text.split('\r\n');
    const rowOf = (code: string) => lines.findIndex((line) => line.includes(`,${code},`)) + 1;
    const bad = text
      .replace(/,ONLINE_DOSSIERS,0,/, ',ONLINE_DOSSIERS,mười,')
      .replace(/,SHOPS_ONBOARDED,0,/, ',SHOPS_ONBOARDED,-3,')
      .replace(/,PEOPLE_TRAINED,0,/, ',NOT_AN_INDICATOR,4,')
      .replace(/,MEETINGS_HELD,0,/, ',HOUSEHOLD_VISITS,2,');
    const before = await storedCounts();
    const result = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'CSV', content: Buffer.from(bad).toString('base64') } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const problems = result.errors?.[0].extensions?.problems as { field: string }[];
    expect(problems.map((problem) => problem.field)).toEqual([
      `rows.${rowOf('ONLINE_DOSSIERS')}.figure`,
      `rows.${rowOf('SHOPS_ONBOARDED')}.figure`,
      `rows.${rowOf('PEOPLE_TRAINED')}.indicator`,
      `rows.${rowOf('MEETINGS_HELD')}.indicator`,
    ]);
    expect(result.errors?.[0].extensions?.field).toBe(problems[0].field);
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a form with a bad month and an unknown team, row by row', async () => {
    const text = Buffer.from((await exported('2025-09', 'CSV')).base64, 'base64').toString('utf8');
    const bad = text.replace('2025-09', 'tháng 9').replace(team.id, '00000000-0000-4000-8000-000000000000');
    const result = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'CSV', content: Buffer.from(bad).toString('base64') } });
    expect((result.errors?.[0].extensions?.problems as { field: string }[]).map((problem) => problem.field)).toEqual(['rows.3.month']);
    const unknown = text.replace(team.id, '00000000-0000-4000-8000-000000000000');
    const refused = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'CSV', content: Buffer.from(unknown).toString('base64') } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows.2.teamId' });
    const notBase64 = await subgraph.execute(IMPORT, { as: leader(), variables: { format: 'XLSX', content: 'not a workbook!' } });
    expect(notBase64.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
  });

  it('refuses another team’s leader and anonymous callers', async () => {
    const text = (await exported('2025-09', 'CSV')).base64;
    const other = { sub: 'other', roles: [Role.TEAM_LEADER], team: otherTeam.id };
    expect(errorCodes(await subgraph.execute(IMPORT, { as: other, variables: { format: 'CSV', content: text } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(IMPORT, { variables: { format: 'CSV', content: text } }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await subgraph.execute(EXPORT, { as: other, variables: { teamId: team.id, month: '2025-07', format: 'CSV' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('a unit’s roll-up as a workbook', () => {
  it('holds the summary form and every team’s reports', async () => {
    const result = await subgraph.execute(
      `query { exportUnitRollUp(unitCode: "${tree.commune.code}", period: "2025-Q3", format: XLSX) { filename base64 } }`,
      { as: officer() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.exportUnitRollUp.filename).toBe(`tong-hop-${tree.commune.code}-2025-Q3.xlsx`);
    expect(await codeLikeHeadings(result.data?.exportUnitRollUp)).toEqual([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(result.data?.exportUnitRollUp.base64, 'base64') as unknown as ExcelJS.Buffer);
    const [summary, reports] = workbook.worksheets;
    expect(summary.getCell('B2').text).toBe('Xã Một');
    const paymentRow = summary.getColumn(3).values.indexOf('GUIDED_ONLINE_PAYMENT');
    expect(summary.getRow(paymentRow).getCell(4).value).toBe(60);
    expect(reports.rowCount).toBe(4);
    expect(reports.getRow(2).getCell(2).text).toBe('Tổ bản Xốp Cháo');
    expect(reports.getRow(1).values).toContain('Số người dân được hướng dẫn sử dụng dịch vụ công trực tuyến');

    const csv = await subgraph.execute(`query { exportUnitRollUp(unitCode: "${tree.commune.code}", period: "2025-Q3", format: CSV) { base64 } }`, { as: officer() });
    expect(Buffer.from(csv.data?.exportUnitRollUp.base64, 'base64').toString('utf8')).toMatch(/GUIDED_ONLINE_PAYMENT,60,/);
    expect(errorCodes(await subgraph.execute(`query { exportUnitRollUp(unitCode: "${tree.commune.code}", period: "2025-Q3") { base64 } }`, { as: leader() }))).toEqual(['FORBIDDEN']);
  });
});
