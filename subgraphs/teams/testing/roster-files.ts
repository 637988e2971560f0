import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Database } from '../../common/database';
import { AdministrativeUnit, UnitLevel } from '../entities';
import { SheetFormat } from '../../common/spreadsheets';
import { jobsSettled } from '../services/imports/import-jobs';
import { ROSTER_COLUMNS } from '../services/imports/roster-sheet';
import type { TestSubgraph } from '../../common/testing/subgraph';
import { NATION_CODE, type HubClaims } from '../../common/auth';

/** Roster files for tests, as communes write them, and the import's round trip through the API. */

export type RosterLine = Partial<Record<keyof typeof ROSTER_COLUMNS, string | number | Date | null>>;

const HEADINGS = Object.keys(ROSTER_COLUMNS) as (keyof typeof ROSTER_COLUMNS)[];

function grid(lines: RosterLine[]): (string | number | Date | null)[][] {
  return [
    ['DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG'],
    [],
    HEADINGS.map((column) => ROSTER_COLUMNS[column]),
    ...lines.map((line, index) => HEADINGS.map((column) => (column === 'stt' ? index + 1 : (line[column] ?? null)))),
  ];
}

/** An XLSX workbook of the lines (title on row 1, headings on row 3, members from row 4). */
export async function rosterXlsx(lines: RosterLine[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Danh sách').addRows(grid(lines));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** A CSV of the lines as Excel under Vietnamese settings writes it: `;`, UTF-8 with a byte-order mark. */
export function rosterCsv(lines: RosterLine[], { delimiter = ';', bom = true } = {}): string {
  const text = grid(lines)
    .map((row) => row.map((cell) => (cell === null ? '' : String(cell))).join(delimiter))
    .join('\r\n');
  return Buffer.from(`${bom ? '\uFEFF' : ''}${text}\r\n`, 'utf8').toString('base64');
}

export const CONSENT = { basis: 'CONSENT', noticeVersion: '2025-07', channel: 'PAPER_FORM' };

const JOB_FIELDS = `id status rows teams communes communesDone problems warnings converted teamsCreated membersJoined membersChanged membersLeft failure
  issues(first: 1000) { row field kind code message }`;

export interface JobResult {
  id: string;
  status: string;
  rows: number;
  teams: number;
  communes: number;
  communesDone: number;
  problems: number;
  warnings: number;
  converted: number;
  teamsCreated: number;
  membersJoined: number;
  membersChanged: number;
  membersLeft: number;
  failure: string | null;
  issues: { row: number; field: string; kind: string; code: string; message: string }[];
}

export async function jobOf(subgraph: TestSubgraph, as: HubClaims, id: string): Promise<JobResult> {
  await jobsSettled();
  const result = await subgraph.execute<{ importJob: JobResult }>(`query ($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`, { as, variables: { id } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.importJob;
}

/** Uploads a file for its dry run and waits for the check to end. */
export async function checkFile(subgraph: TestSubgraph, as: HubClaims, unitCode: string, content: string, format = SheetFormat.XLSX): Promise<JobResult> {
  const result = await subgraph.execute<{ checkRosterImport: { id: string } }>(
    'mutation ($input: RosterImportInput!) { checkRosterImport(input: $input) { id status } }',
    { as, variables: { input: { unitCode, format, content, consent: CONSENT } } },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return jobOf(subgraph, as, result.data!.checkRosterImport.id);
}

export async function confirmFile(subgraph: TestSubgraph, as: HubClaims, job: { id: string }, content: string, idempotencyKey?: string) {
  const result = await subgraph.execute<{ confirmRosterImport: { id: string } }>(
    'mutation ($id: ID!, $content: String!, $key: String) { confirmRosterImport(jobId: $id, content: $content, idempotencyKey: $key) { id status } }',
    { as, variables: { id: job.id, content, key: idempotencyKey } },
  );
  if (result.errors && !idempotencyKey) return { result, job: undefined };
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return { result, job: await jobOf(subgraph, as, job.id) };
}

/** Checks a file and, if it has no problems, applies it. */
export async function importFile(subgraph: TestSubgraph, as: HubClaims, unitCode: string, content: string, format = SheetFormat.XLSX) {
  const checked = await checkFile(subgraph, as, unitCode, content, format);
  if (checked.status !== 'CHECKED') throw new Error(`not checked (${checked.status}, ${checked.failure}): ${JSON.stringify(checked.issues.filter((issue) => issue.kind === 'PROBLEM'))}`);
  const { job } = await confirmFile(subgraph, as, checked, content);
  return { checked, applied: job! };
}

/** A province of `communes` communes, each with `villages` villages, as units straight in the database (bulk). */
export async function fakeProvinceUnits(db: Database, code: string, communes: number, villages: number): Promise<AdministrativeUnit> {
  const province = db.manager.create(AdministrativeUnit, { code, name: `Tỉnh ${code}`, level: UnitLevel.PROVINCE, parentCode: NATION_CODE, path: `/${code}/`, memberLimit: null });
  const rows: AdministrativeUnit[] = [province];
  for (let c = 1; c <= communes; c += 1) {
    const communeCode = `${code}${String(c).padStart(4, '0')}`;
    const commune = db.manager.create(AdministrativeUnit, { code: communeCode, name: `Xã ${c}`, level: UnitLevel.COMMUNE, parentCode: code, path: `/${code}/${communeCode}/`, memberLimit: null });
    rows.push(commune);
    for (let v = 1; v <= villages; v += 1) {
      const villageCode = `${communeCode}.${String(v).padStart(2, '0')}`;
      rows.push(db.manager.create(AdministrativeUnit, { code: villageCode, name: `Bản ${v}`, level: UnitLevel.VILLAGE, parentCode: communeCode, path: `${commune.path}${villageCode}/`, memberLimit: null }));
    }
  }
  for (let start = 0; start < rows.length; start += 500) await db.manager.insert(AdministrativeUnit, rows.slice(start, start + 500));
  return province;
}

const GIVEN = ['Văn Hùng', 'Thị Mai', 'Văn Tâm', 'Thị Hoa', 'Văn Sáng', 'Thị Lan', 'Văn Pọm', 'Thị Hương', 'Văn Đức', 'Thị Tuyết'];
const FAMILY = ['Lò', 'Quàng', 'Vì', 'Cầm', 'Lường', 'Điêu', 'Hà', 'Sầm', 'Tòng', 'Nguyễn'];
const ROLES = ['Tổ trưởng', 'Tổ phó thường trực', 'Thành viên thường trực', 'Thành viên', 'Thành viên'];

/**
 * A province's roster as one XLSX workbook, written as a stream (exceljs's WorkbookWriter):
 * for each commune, its own team and one team per village, `perTeam` members each, phones
 * unique from `phoneFrom`. 300 communes × 10 teams × 5 = 3,000 teams and 15,000 members.
 */
export async function provinceRosterXlsx(province: AdministrativeUnit, communes: number, villages: number, perTeam: number, phoneFrom = 970_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow([`DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG ${province.name.toUpperCase()}`]).commit();
  sheet.addRow(HEADINGS.map((column) => ROSTER_COLUMNS[column])).commit();
  let n = 0;
  for (let c = 1; c <= communes; c += 1) {
    const communeCode = `${province.code}${String(c).padStart(4, '0')}`;
    for (let v = 0; v <= villages; v += 1) {
      for (let m = 0; m < perTeam; m += 1) {
        n += 1;
        const line: RosterLine = {
          communeCode,
          village: v === 0 ? null : `Bản ${v}`,
          decisionNumber: m === 0 ? `${c}${v}/QĐ-UBND` : null,
          decisionDate: m === 0 ? 45_292 + c : null, // Excel serials in 2024
          fullName: `${FAMILY[n % 10]} ${GIVEN[(n >> 3) % 10]} ${n}`,
          birthYear: 1970 + (n % 35),
          role: ROLES[m % ROLES.length],
          affiliation: m === 0 && v > 0 ? 'Trưởng bản' : 'Người dân',
          phone: phoneFrom + n, // a number, as Excel keeps it: the leading zero lost
        };
        sheet.addRow(HEADINGS.map((column) => (column === 'stt' ? n : (line[column] ?? null)))).commit();
      }
    }
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
