import { RowProblems } from '../../common/batch';
import { parseMonth } from '../../common/periods';
import type { Cell, Sheet } from '../../common/spreadsheets';
import { INDICATORS, Indicator, noFigures, type ActivityReport, type AdministrativeUnit, type Figures, type Team } from '../entities';
import type { IndicatorProgress, UnitRollUp } from '../resolvers/report-types';
import { t } from '../../common/messages';

/**
 * The paper forms as grids of cells (see common/spreadsheets for XLSX and CSV): a team's
 * monthly report (which is also the import template) and a unit's roll-up with its teams' reports.
 * Rows hold: no., content, indicator code, figure(s), note.
 */

const TABLE_HEADER = ['STT', 'Nội dung', 'Mã chỉ tiêu', 'Số liệu', 'Ghi chú'];
/** The code of the row holding the report's note. */
const NOTE_CODE = 'NOTE';
const TEAM_ROW = 2;
const MONTH_ROW = 3;

export function reportFormSheet(team: Team, unit: AdministrativeUnit, month: string, report: ActivityReport | null): Sheet {
  const figures = report?.figures ?? noFigures();
  return {
    name: `Báo cáo ${month}`,
    widths: [6, 70, 32, 12, 30],
    rows: [
      ['BÁO CÁO KẾT QUẢ HOẠT ĐỘNG TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG'],
      ['Tổ', team.name, 'Mã tổ', team.id],
      ['Tháng', month, 'Đơn vị', unit.name],
      [],
      TABLE_HEADER,
      ...INDICATORS.map(({ indicator, label, column }, index): Cell[] => [index + 1, label, indicator, figures[column], null]),
      [null, 'Ghi chú chung', NOTE_CODE, null, report?.note ?? null],
    ],
  };
}

export interface ReportForm {
  teamId: string;
  month: string;
  figures: Figures;
  note: string | null;
}

const cell = (rows: string[][], row: number, column: number) => (rows[row - 1]?.[column] ?? '').trim();

/**
 * Reads a filled-in report form. Every bad row is named (`rows.7.figure`, by the sheet's row
 * number, as officers see it) and the form refused as a whole if there is any.
 */
export function readReportForm(rows: string[][]): ReportForm {
  const problems = new RowProblems();
  const teamId = cell(rows, TEAM_ROW, 3);
  if (!/^[0-9a-f-]{36}$/i.test(teamId)) problems.add(`rows.${TEAM_ROW}.teamId`, t('problems.formTeamId'));
  let month = '';
  try {
    month = parseMonth(cell(rows, MONTH_ROW, 1));
  } catch {
    problems.add(`rows.${MONTH_ROW}.month`, t('problems.formMonth'));
  }
  const header = rows.findIndex((row) => (row[0] ?? '').trim() === TABLE_HEADER[0]);
  if (header < 0) problems.add('rows', t('problems.formHeader', { value: TABLE_HEADER.join(', ') }));

  const figures = noFigures();
  const seen = new Set<string>();
  let note: string | null = null;
  for (let number = header + 2; header >= 0 && number <= rows.length; number += 1) {
    const code = cell(rows, number, 2);
    const value = cell(rows, number, 3);
    if (!code && !value) continue;
    if (seen.has(code)) {
      problems.add(`rows.${number}.indicator`, t('problems.formCodeTwice', { code }));
      continue;
    }
    seen.add(code);
    if (code === NOTE_CODE) {
      note = cell(rows, number, 4) || null;
      if (note && note.length > 1000) problems.add(`rows.${number}.note`, t('problems.max1000Characters'));
      continue;
    }
    const definition = INDICATORS.find(({ indicator }) => indicator === code);
    if (!definition) {
      problems.add(`rows.${number}.indicator`, t('problems.notAnIndicator', { code, value: Object.values(Indicator).join(', ') }));
      continue;
    }
    if (value !== '' && !/^\d{1,7}$/.test(value)) {
      problems.add(`rows.${number}.figure`, t('problems.figureNotWhole', { definitionIndicator: definition.indicator, value }));
      continue;
    }
    if (Number(value) > 1_000_000) problems.add(`rows.${number}.figure`, t('problems.figureTooLarge', { definitionIndicator: definition.indicator }));
    figures[definition.column] = Number(value || 0);
  }
  problems.check();
  return { teamId, month, figures, note };
}

export interface RollUpSummary {
  figures: IndicatorProgress[];
  reports: number;
  teams: number;
  missingReports: number;
}

export function rollUpSheets(
  rollUp: UnitRollUp,
  summary: RollUpSummary,
  reports: { report: ActivityReport; team: Team }[],
): Sheet[] {
  const name = rollUp.unit?.name ?? 'Toàn quốc';
  return [
    {
      name: 'Tổng hợp',
      widths: [6, 70, 32, 12, 12, 12, 30],
      rows: [
        ['BÁO CÁO TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG'],
        ['Đơn vị', name, 'Mã đơn vị', rollUp.unitCode],
        ['Kỳ báo cáo', rollUp.period, 'Số tổ', summary.teams, 'Số báo cáo', summary.reports, 'Số báo cáo còn thiếu', summary.missingReports],
        [],
        ['STT', 'Nội dung', 'Mã chỉ tiêu', 'Số liệu', 'Chỉ tiêu', 'Tỷ lệ (%)', 'Ghi chú'],
        ...summary.figures.map((figure, index): Cell[] => [index + 1, figure.label, figure.indicator, figure.value, figure.target, figure.percent, null]),
      ],
    },
    {
      name: 'Báo cáo các tổ',
      widths: [6, 40, 38, 10, ...INDICATORS.map(() => 14), 30],
      rows: [
        ['STT', 'Tổ', 'Mã tổ', 'Tháng', ...INDICATORS.map(({ label }) => label), 'Ghi chú'],
        ...reports.map(({ report, team }, index): Cell[] => [
          index + 1,
          team.name,
          team.id,
          report.month,
          ...INDICATORS.map(({ column }) => report.figures[column]),
          report.note,
        ]),
      ],
    },
  ];
}
