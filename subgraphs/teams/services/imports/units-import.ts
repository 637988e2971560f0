import { In, type EntityManager } from 'typeorm';
import { audit } from '../../../common/audit';
import { NATION_CODE } from '../../../common/auth';
import type { Context } from '../../../common/context';
import { invalidInputs } from '../../../common/errors';
import { fromLegacyVietnamese, textOf } from '../../../common/sheet-values';
import { readSheetRows, type SheetFormat } from '../../../common/spreadsheets';
import { AdministrativeUnit, PARENT_LEVELS, UnitLevel } from '../../entities';
import { foldVietnamese } from './names';
import { anyOf, t } from '../../../common/messages';

/**
 * The official list of administrative units as provinces hold it, one unit a row: code, name,
 * level and the code of the unit above (blank for a province), for the three-tier tree (with
 * districts) or the two-tier one. A dry run names every bad row; applying creates the new units
 * and renames those whose name changed (each rename in the audit trail), and nothing else:
 * importing the same list again changes nothing.
 */

export const UNIT_COLUMNS = { code: 'Mã', name: 'Tên', level: 'Cấp', parentCode: 'Mã cấp trên' } as const;
type UnitColumn = keyof typeof UNIT_COLUMNS;

const HEADINGS: Record<string, UnitColumn> = {
  ma: 'code',
  'ma don vi': 'code',
  'ma dvhc': 'code',
  ten: 'name',
  'ten don vi': 'name',
  cap: 'level',
  'ma cap tren': 'parentCode',
  'ma don vi cap tren': 'parentCode',
  'ma cha': 'parentCode',
};

/** Cấp as the official lists write it. "Thành phố" is a province at the top and a district under one. */
const LEVELS: Record<string, UnitLevel | 'CITY'> = {
  tinh: UnitLevel.PROVINCE,
  'thanh pho truc thuoc trung uong': UnitLevel.PROVINCE,
  'thanh pho trung uong': UnitLevel.PROVINCE,
  'thanh pho': 'CITY',
  huyen: UnitLevel.DISTRICT,
  quan: UnitLevel.DISTRICT,
  'thi xa': UnitLevel.DISTRICT,
  xa: UnitLevel.COMMUNE,
  phuong: UnitLevel.COMMUNE,
  'thi tran': UnitLevel.COMMUNE,
  'dac khu': UnitLevel.COMMUNE,
  thon: UnitLevel.VILLAGE,
  ban: UnitLevel.VILLAGE,
  ap: UnitLevel.VILLAGE,
  xom: UnitLevel.VILLAGE,
  lang: UnitLevel.VILLAGE,
  buon: UnitLevel.VILLAGE,
  plei: UnitLevel.VILLAGE,
  soc: UnitLevel.VILLAGE,
  'to dan pho': UnitLevel.VILLAGE,
  'khu pho': UnitLevel.VILLAGE,
  khu: UnitLevel.VILLAGE,
  khoi: UnitLevel.VILLAGE,
  province: UnitLevel.PROVINCE,
  district: UnitLevel.DISTRICT,
  commune: UnitLevel.COMMUNE,
  village: UnitLevel.VILLAGE,
};

/** A level in the words of the request's language ("xã", "commune"). */
const levelInWords = (level: UnitLevel) => t(`enums.UnitLevel.${level}`);

export interface UnitIssue {
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface UnitImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  renamed: number;
  unchanged: number;
  problems: UnitIssue[];
  /** The renames, row by row: applying them is a change in the audit trail. */
  renames: UnitIssue[];
}

interface UnitRow {
  row: number;
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
}

/** Lists of codes for `IN (…)`, in slices the databases' parameter limits allow. */
async function findByCodes(manager: EntityManager, codes: string[]): Promise<Map<string, AdministrativeUnit>> {
  const found = new Map<string, AdministrativeUnit>();
  for (let start = 0; start < codes.length; start += 1000) {
    for (const unit of await manager.findBy(AdministrativeUnit, { code: In(codes.slice(start, start + 1000)) })) found.set(unit.code, unit);
  }
  return found;
}

const DEPTH: Record<UnitLevel, number> = { NATION: -1, PROVINCE: 0, DISTRICT: 1, COMMUNE: 2, VILLAGE: 3 };

export async function importUnits(ctx: Context, format: SheetFormat, content: Buffer, dryRun: boolean): Promise<UnitImportReport> {
  const report: UnitImportReport = { dryRun, rows: 0, created: 0, renamed: 0, unchanged: 0, problems: [], renames: [] };
  const problem = (row: number, column: UnitColumn, code: string, message: string) =>
    report.problems.push({ row, field: UNIT_COLUMNS[column], code, message });

  let columns: Map<UnitColumn, number> | undefined;
  const raw: { row: number; code: string; name: string; level: string; parentCode: string }[] = [];
  for await (const { number, cells } of readSheetRows(format, content)) {
    const text = (index: number | undefined) => (index === undefined ? '' : fromLegacyVietnamese(textOf(cells[index] ?? null)).text);
    if (!columns) {
      const found = new Map<UnitColumn, number>();
      cells.forEach((_, index) => {
        const column = HEADINGS[foldVietnamese(text(index))];
        if (column && !found.has(column)) found.set(column, index);
      });
      if (found.has('code') && found.has('name')) columns = found;
      continue;
    }
    const row = { row: number, code: text(columns.get('code')), name: text(columns.get('name')), level: text(columns.get('level')), parentCode: text(columns.get('parentCode')) };
    if (row.code || row.name || row.level || row.parentCode) raw.push(row);
  }
  if (!columns) {
    problem(1, 'code', 'HEADER_MISSING', t('unitIssues.headerMissing', { headings: Object.values(UNIT_COLUMNS).join(', ') }));
    throw invalidInputs(report.problems.map(asProblem));
  }
  report.rows = raw.length;

  const seen = new Map<string, number>();
  const rows: UnitRow[] = [];
  for (const { row, code, name, level: levelText, parentCode } of raw) {
    let bad = false;
    const fail = (column: UnitColumn, code: string, message: string) => ((bad = true), problem(row, column, code, message));
    if (!/^[A-Za-z0-9._-]{1,20}$/.test(code)) fail('code', 'CODE_INVALID', t('unitIssues.codeInvalid', { code }));
    if (seen.has(code)) fail('code', 'CODE_TWICE', t('unitIssues.codeTwice', { code, row: seen.get(code) }));
    else seen.set(code, row);
    if (!name || name.length > 200) fail('name', 'NAME_INVALID', t('unitIssues.nameInvalid'));
    let level = LEVELS[foldVietnamese(levelText)];
    if (level === 'CITY') level = parentCode ? UnitLevel.DISTRICT : UnitLevel.PROVINCE;
    if (!level) fail('level', 'LEVEL_UNKNOWN', t('unitIssues.levelUnknown', { level: levelText }));
    // A province's row names no parent: it goes under the nation.
    if (!bad) rows.push({ row, code, name, level: level as UnitLevel, parentCode: parentCode || (level === UnitLevel.PROVINCE ? NATION_CODE : null) });
  }

  const stored = await findByCodes(ctx.db.manager, [...new Set(rows.flatMap((row) => [row.code, ...(row.parentCode ? [row.parentCode] : [])]))]);
  const inFile = new Map(rows.map((row) => [row.code, row]));
  for (const row of rows) {
    const parent = row.parentCode ? (inFile.get(row.parentCode) ?? stored.get(row.parentCode)) : undefined;
    const allowed = PARENT_LEVELS[row.level];
    if (row.parentCode && !parent) problem(row.row, 'parentCode', 'PARENT_UNKNOWN', t('unitIssues.parentUnknown', { code: row.parentCode }));
    else if (!parent && allowed.length > 0) problem(row.row, 'parentCode', 'PARENT_MISSING', t('unitIssues.parentMissing', { level: levelInWords(row.level), parents: anyOf(allowed.map(levelInWords)) }));
    else if (parent && !allowed.includes(parent.level)) {
      problem(row.row, 'level', 'LEVEL_ORDER', t('unitIssues.levelOrder', { level: levelInWords(row.level), parentLevel: levelInWords(parent.level), parentCode: parent.code }));
    }
    const existing = stored.get(row.code);
    if (!existing) continue;
    if (existing.level !== row.level || existing.parentCode !== row.parentCode) {
      problem(row.row, 'parentCode', 'UNIT_MOVED', t('unitIssues.unitMoved', { code: row.code, level: levelInWords(existing.level), parentCode: existing.parentCode ?? t('unitIssues.wholeCountry') }));
    } else if (existing.name !== row.name) {
      report.renames.push({ row: row.row, field: UNIT_COLUMNS.name, code: 'RENAMED', message: t('problems.renamed', { existingName: existing.name, name: row.name }) });
    }
  }
  report.problems.sort((a, b) => a.row - b.row);
  if (report.problems.length > 0) {
    if (dryRun) return report;
    throw invalidInputs(report.problems.map(asProblem));
  }

  const created = rows.filter((row) => !stored.has(row.code)).sort((a, b) => DEPTH[a.level] - DEPTH[b.level]);
  report.created = created.length;
  report.renamed = report.renames.length;
  report.unchanged = rows.length - report.created - report.renamed;
  if (dryRun) return report;

  await ctx.db.transaction(async (manager) => {
    const paths = new Map([...stored.values()].map((unit) => [unit.code, unit.path]));
    for (const row of created) {
      const path = `${row.parentCode ? paths.get(row.parentCode) : '/'}${row.code}/`;
      paths.set(row.code, path);
      const unit = manager.create(AdministrativeUnit, { code: row.code, name: row.name, level: row.level, parentCode: row.parentCode, path, memberLimit: null });
      await manager.insert(AdministrativeUnit, unit);
      await audit(manager, ctx.viewer, { action: 'importAdministrativeUnits', entity: unit, entityId: unit.code, unitPath: path, after: unit });
    }
    for (const rename of report.renames) {
      const row = rows.find((candidate) => candidate.row === rename.row)!;
      const unit = stored.get(row.code)!;
      await manager.update(AdministrativeUnit, { code: unit.code }, { name: row.name });
      await audit(manager, ctx.viewer, {
        action: 'importAdministrativeUnits',
        entity: unit,
        entityId: unit.code,
        unitPath: unit.path,
        before: { name: unit.name },
        after: { name: row.name },
      });
    }
  });
  return report;
}

/** A row's problem as the API names bad input: `rows.12.Mã cấp trên`. */
function asProblem(issue: UnitIssue) {
  return { field: `rows.${issue.row}.${issue.field}`, message: issue.message };
}
