import ExcelJS from 'exceljs';
import { AuditEntry } from '../../../common/audit';
import { Role } from '../../../common/auth';
import { runInRequestScope } from '../../../common/request-scope';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../../common/testing/subgraph';
import { teams } from '../..';
import { AdministrativeUnit } from '../../entities';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

const admin = { sub: 'admin', roles: [Role.ADMIN] };
const IMPORT = `mutation ($format: SheetFormat!, $content: String!, $dryRun: Boolean!) {
  importAdministrativeUnits(format: $format, content: $content, dryRun: $dryRun) {
    dryRun rows created renamed unchanged problems { row field code message } renames { row code message } } }`;

type Result = { importAdministrativeUnits: { dryRun: boolean; rows: number; created: number; renamed: number; unchanged: number; problems: { row: number; field: string; code: string; message: string }[]; renames: { row: number }[] } };

async function xlsx(rows: (string | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Danh mục').addRows([['DANH MỤC ĐƠN VỊ HÀNH CHÍNH'], ['Mã', 'Tên', 'Cấp', 'Mã cấp trên'], ...rows]);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const run = (content: string, dryRun: boolean, as: object = admin) =>
  subgraph.execute<Result>(IMPORT, { as: as as never, variables: { format: 'XLSX', content, dryRun } });

const units = () => subgraph.db.manager.count(AdministrativeUnit);

/** A province in the two-tier tree (communes right under it) and one in the three-tier tree (with a district). */
const TREES = [
  ['91', 'Tỉnh Thử Hai Cấp', 'Tỉnh', null],
  ['91001', 'Xã Nậm Lúc', 'Xã', '91'],
  ['91001.01', 'Bản Nậm Lúc', 'Bản', '91001'],
  ['91001.02', 'Thôn Cốc Lầu', 'Thôn', '91001'],
  ['92', 'Tỉnh Thử Ba Cấp', 'Tỉnh', null],
  ['920', 'Thành phố Thử', 'Thành phố', '92'],
  ['92001', 'Phường Một', 'Phường', '920'],
  ['92001.01', 'Tổ dân phố 1', 'Tổ dân phố', '92001'],
];

describe('importing the list of administrative units', () => {
  it('names every bad row in a dry run and writes nothing; applying such a list is refused', async () => {
    const before = await units();
    const content = await xlsx([
      ['93', 'Tỉnh Lỗi', 'Tỉnh', null], // row 3: fine
      ['93001', 'Xã Mồ Côi', 'Xã', '99999'], // row 4: unknown parent
      ['93001.01', 'Thôn Trên Tỉnh', 'Thôn', '93'], // row 5: a village right under a province
      ['93', 'Tỉnh Lỗi Lần Hai', 'Tỉnh', null], // row 6: the code again
      ['93002', 'Xã Không Cấp', 'Làng xã', '93'], // row 7: not a level
      ['93003', 'Xã Thiếu Cha', 'Xã', null], // row 8: a commune under nothing
    ]);
    const dry = await run(content, true);
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.importAdministrativeUnits.problems.map(({ row, field, code }) => [row, field, code])).toEqual([
      [4, 'Mã cấp trên', 'PARENT_UNKNOWN'],
      [5, 'Cấp', 'LEVEL_ORDER'],
      [6, 'Mã', 'CODE_TWICE'],
      [7, 'Cấp', 'LEVEL_UNKNOWN'],
      [8, 'Mã cấp trên', 'PARENT_MISSING'],
    ]);
    // In words from the catalogue, in the request's language.
    const said = (result: typeof dry) => result.data!.importAdministrativeUnits.problems.filter(({ row }) => row === 5 || row === 8).map(({ message }) => message);
    expect(said(dry)).toEqual(['một thôn không thể thuộc một tỉnh (mã 93)', 'một xã phải thuộc một tỉnh hoặc huyện']);
    expect(said(await runInRequestScope('units-import-en', 'en', () => run(content, true)))).toEqual([
      'a village cannot belong to a province (code 93)',
      'a commune must belong to a province or district',
    ]);
    const applied = await run(content, false);
    expect(errorCodes(applied)).toEqual(['BAD_USER_INPUT']);
    expect((applied.errors![0].extensions!.problems as { field: string }[]).map((problem) => problem.field)).toEqual([
      'rows.4.Mã cấp trên',
      'rows.5.Cấp',
      'rows.6.Mã',
      'rows.7.Cấp',
      'rows.8.Mã cấp trên',
    ]);
    expect(await units()).toBe(before);
  });

  it('creates two-tier and three-tier trees, changes nothing the second time, and audits a rename', async () => {
    const before = await units();
    const content = await xlsx(TREES.map((row) => [...row]));
    const dry = await run(content, true);
    expect(dry.data!.importAdministrativeUnits).toMatchObject({ dryRun: true, rows: 8, created: 8, renamed: 0, problems: [] });
    expect(await units()).toBe(before);

    expect((await run(content, false)).data!.importAdministrativeUnits).toMatchObject({ created: 8, unchanged: 0 });
    expect(await subgraph.db.manager.findOneByOrFail(AdministrativeUnit, { code: '92001.01' })).toMatchObject({ level: 'VILLAGE', path: '/92/920/92001/92001.01/' });
    expect(await subgraph.db.manager.findOneByOrFail(AdministrativeUnit, { code: '920' })).toMatchObject({ level: 'DISTRICT' });
    expect(await subgraph.db.manager.findOneByOrFail(AdministrativeUnit, { code: '91001' })).toMatchObject({ level: 'COMMUNE', path: '/91/91001/' });

    const again = await run(content, false);
    expect(again.data!.importAdministrativeUnits).toMatchObject({ created: 0, renamed: 0, unchanged: 8 });
    expect(await units()).toBe(before + 8);

    const renamed = await xlsx(TREES.map((row) => (row[0] === '91001.02' ? [row[0], 'Thôn Cốc Lầu Mới', row[2], row[3]] : [...row])));
    expect((await run(renamed, true)).data!.importAdministrativeUnits).toMatchObject({ renamed: 1, renames: [{ row: 6 }] });
    expect((await run(renamed, false)).data!.importAdministrativeUnits).toMatchObject({ created: 0, renamed: 1, unchanged: 7 });
    const trail = await subgraph.db.manager.findOneByOrFail(AuditEntry, { entityId: '91001.02', action: 'importAdministrativeUnits', before: '{"name":"Thôn Cốc Lầu"}' });
    expect(JSON.parse(trail.after!)).toEqual({ name: 'Thôn Cốc Lầu Mới' });

    // A unit moved to another parent is refused: paths below it would all change.
    const moved = await xlsx([['91001.01', 'Bản Nậm Lúc', 'Bản', '92001']]);
    expect((await run(moved, true)).data!.importAdministrativeUnits.problems.map(({ code }) => code)).toEqual(['UNIT_MOVED']);
  });

  it('is for admins only', async () => {
    const result = await run(await xlsx([]), true, { sub: 'officer', roles: [Role.OFFICER], units: ['91'] });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
