import type { Cell, Sheet, SheetRow } from '../../../common/spreadsheets';
import { fromLegacyVietnamese, normalisePhone, parseBirthYear, parseSheetDate, textOf, type SheetValue } from '../../../common/sheet-values';
import { Affiliation, MemberRole } from '../../entities';
import { foldVietnamese } from './names';
import { anyOf, t } from '../../../common/messages';
import type { vi } from '../../../common/messages/vi';

/**
 * The roster sheet communes keep (danh sách thành viên Tổ công nghệ số cộng đồng), one row per
 * member, read by its headings (any order, any extra columns, legacy encodings converted).
 * A province's file adds the commune's code; a commune's file may leave it out.
 */

export const ROSTER_COLUMNS = {
  stt: 'STT',
  communeCode: 'Mã xã',
  village: 'Thôn/Bản',
  teamName: 'Tên tổ',
  decisionNumber: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  fullName: 'Họ và tên',
  birthYear: 'Năm sinh',
  role: 'Chức vụ trong tổ',
  affiliation: 'Thành phần/Đơn vị công tác',
  phone: 'Số điện thoại',
  joinedOn: 'Ngày tham gia',
} as const;

export type RosterColumn = keyof typeof ROSTER_COLUMNS;

/** Other headings officers write for the same column (compared without diacritics or case). */
const ALIASES: Partial<Record<RosterColumn, string[]>> = {
  communeCode: ['ma don vi', 'ma xa phuong'],
  village: ['thon', 'ban', 'thon ban to dan pho', 'thon to dan pho'],
  fullName: ['ho ten'],
  birthYear: ['ngay sinh', 'ngay thang nam sinh'],
  role: ['chuc vu', 'chuc danh trong to'],
  affiliation: ['thanh phan', 'don vi cong tac', 'thanh phan don vi'],
  phone: ['dien thoai', 'sdt', 'so dt'],
};

const HEADINGS = new Map<string, RosterColumn>(
  (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).flatMap((column) =>
    [ROSTER_COLUMNS[column], ...(ALIASES[column] ?? [])].map((heading) => [foldVietnamese(heading), column] as [string, RosterColumn]),
  ),
);

/** Where each column is, from the heading row (the first with `Họ và tên`); undefined for any other row. */
export function rosterHeader(cells: SheetValue[]): Map<RosterColumn, number> | undefined {
  const columns = new Map<RosterColumn, number>();
  cells.forEach((cell, index) => {
    const column = HEADINGS.get(foldVietnamese(fromLegacyVietnamese(textOf(cell)).text));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  return columns.has('fullName') ? columns : undefined;
}

/** Chức vụ trong tổ, as communes write it. */
const ROLES: [string, MemberRole, boolean][] = [
  ['to truong', MemberRole.LEADER, false],
  ['to pho thuong truc', MemberRole.DEPUTY, true],
  ['to pho', MemberRole.DEPUTY, false],
  ['thanh vien thuong truc', MemberRole.STANDING_MEMBER, false],
  ['thanh vien', MemberRole.MEMBER, false],
  ['cong tac vien', MemberRole.COLLABORATOR, false],
  ['ctv', MemberRole.COLLABORATOR, false],
];

export const ROLE_LABELS: Record<MemberRole, string> = {
  [MemberRole.LEADER]: 'Tổ trưởng',
  [MemberRole.DEPUTY]: 'Tổ phó',
  [MemberRole.STANDING_MEMBER]: 'Thành viên thường trực',
  [MemberRole.MEMBER]: 'Thành viên',
  [MemberRole.COLLABORATOR]: 'Cộng tác viên',
};

export const roleLabel = (role: MemberRole, standingDeputy: boolean) => (standingDeputy ? 'Tổ phó thường trực' : ROLE_LABELS[role]);

/** Thành phần/Đơn vị công tác is free text: the first keyword found decides (village heads before Youth Union secretaries). */
const AFFILIATIONS: [RegExp, Affiliation][] = [
  [/\b(truong (thon|ban|ap|xom|khu pho|lang)|to truong to dan pho|gia lang)\b/, Affiliation.VILLAGE_HEAD],
  [/\b(doan thanh nien|bi thu (chi )?doan|doan vien|doan xa|huyen doan|tinh doan)\b/, Affiliation.YOUTH_UNION],
  [/\b(cong an)\b/, Affiliation.POLICE],
  [/\b(dan quan|quan su|ban chi huy)\b/, Affiliation.MILITIA],
  [/\b(giao vien|co giao|thay giao|truong (mam non|tieu hoc|thcs|thpt))\b/, Affiliation.TEACHER],
  [/\b(y te|bac si|y si|dieu duong|nhan vien y)\b/, Affiliation.HEALTH_WORKER],
  [/\b(viettel|vnpt|mobifone|vinaphone|buu dien|buu chinh|vien thong|doanh nghiep|cong ty|fpt)\b/, Affiliation.ENTERPRISE_STAFF],
  [/\b(hoc sinh|sinh vien)\b/, Affiliation.STUDENT],
  [/\b(cong chuc|can bo|ubnd|uy ban|hoi (phu nu|nong dan|cuu chien binh)|mat tran)\b/, Affiliation.CIVIL_SERVANT],
  [/\b(nguoi dan|nhan dan|ho dan|cong dan)\b/, Affiliation.RESIDENT],
];

export const AFFILIATION_LABELS: Record<Affiliation, string> = {
  [Affiliation.YOUTH_UNION]: 'Đoàn Thanh niên',
  [Affiliation.POLICE]: 'Công an',
  [Affiliation.MILITIA]: 'Dân quân',
  [Affiliation.TEACHER]: 'Giáo viên',
  [Affiliation.HEALTH_WORKER]: 'Nhân viên y tế',
  [Affiliation.CIVIL_SERVANT]: 'Cán bộ, công chức',
  [Affiliation.ENTERPRISE_STAFF]: 'Doanh nghiệp bưu chính, viễn thông',
  [Affiliation.VILLAGE_HEAD]: 'Trưởng thôn/bản',
  [Affiliation.STUDENT]: 'Học sinh, sinh viên',
  [Affiliation.RESIDENT]: 'Người dân',
  [Affiliation.OTHER]: 'Khác',
};

export function affiliationOf(text: string): Affiliation {
  const folded = foldVietnamese(text);
  return AFFILIATIONS.find(([pattern]) => pattern.test(folded))?.[1] ?? (folded ? Affiliation.OTHER : Affiliation.RESIDENT);
}

export interface RowIssue {
  row: number;
  column: RosterColumn;
  code: string;
  message: string;
}

/** What a row issue says: a text of the catalogue's `rosterIssues` (its code is for programs). */
export type IssueText = keyof (typeof vi)['rosterIssues'];
export type IssueParams = Record<string, string | number>;

export const rowIssue = (row: number, column: RosterColumn, code: string, text: IssueText, params: IssueParams = {}): RowIssue => ({
  row,
  column,
  code,
  message: t(`rosterIssues.${text}`, params),
});

/** One member's row, read and checked on its own (the rules between rows come later). */
export interface RosterRow {
  row: number;
  communeCode: string;
  /** Thôn/Bản as written: blank for the commune's own team. */
  village: string;
  teamName: string;
  decisionNumber: string;
  decisionDate: string | null;
  fullName: string;
  birthYear: number | null;
  role: MemberRole;
  standingDeputy: boolean;
  affiliation: Affiliation;
  phone: string | null;
  joinedOn: string | null;
}

export interface ReadRow {
  row?: RosterRow;
  problems: RowIssue[];
  /** Values that were typed in TCVN3 or VNI, as converted. */
  conversions: RowIssue[];
}

/** Reads one member's row; a blank row gives neither a row nor problems. */
export function readRosterRow({ number, cells }: SheetRow, columns: Map<RosterColumn, number>): ReadRow {
  const problems: RowIssue[] = [];
  const conversions: RowIssue[] = [];
  const problem = (column: RosterColumn, code: string, text: IssueText, params?: IssueParams) => problems.push(rowIssue(number, column, code, text, params));
  const raw = (column: RosterColumn): SheetValue => {
    const index = columns.get(column);
    return index === undefined ? null : (cells[index] ?? null);
  };
  const text = (column: RosterColumn): string => {
    const { text: converted, from } = fromLegacyVietnamese(textOf(raw(column)));
    if (from) conversions.push({ row: number, column, code: `FROM_${from}`, message: t('problems.convertedEncoding', { value: ROSTER_COLUMNS[column], from, converted }) });
    return converted;
  };

  const fullName = text('fullName');
  const filled = (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).some((column) => column !== 'stt' && textOf(raw(column)) !== '');
  if (!filled) return { problems, conversions: [] };
  if (!fullName) problem('fullName', 'NAME_MISSING', 'nameMissing');
  else if (fullName.length > 120) problem('fullName', 'NAME_TOO_LONG', 'nameTooLong', { max: 120 });

  const roleText = foldVietnamese(text('role'));
  const role = roleText === '' ? ROLES[4] : ROLES.find(([label]) => roleText === label || roleText.startsWith(`${label} `));
  if (!role) problem('role', 'ROLE_UNKNOWN', 'roleUnknown', { value: text('role'), roles: anyOf(['Tổ trưởng', 'Tổ phó', 'Tổ phó thường trực', 'Thành viên thường trực', 'Thành viên', 'Cộng tác viên']) });

  const phoneText = textOf(raw('phone'));
  const phone = phoneText ? normalisePhone(raw('phone')) : null;
  if (phoneText && !phone) problem('phone', 'PHONE_INVALID', 'phoneInvalid', { value: phoneText });

  const birthText = textOf(raw('birthYear'));
  const birthYear = birthText ? parseBirthYear(raw('birthYear')) : null;
  if (birthText && !birthYear) problem('birthYear', 'BIRTH_YEAR_INVALID', 'birthYearInvalid', { value: birthText });

  const date = (column: 'joinedOn' | 'decisionDate'): string | null => {
    const value = textOf(raw(column));
    if (!value) return null;
    const parsed = parseSheetDate(raw(column));
    if (!parsed) problem(column, 'DATE_INVALID', 'dateInvalid', { value });
    return parsed;
  };

  const decisionNumber = text('decisionNumber');
  if (decisionNumber.length > 50) problem('decisionNumber', 'DECISION_NUMBER_TOO_LONG', 'decisionNumberTooLong', { max: 50 });
  const teamName = text('teamName');
  if (teamName.length > 200) problem('teamName', 'TEAM_NAME_TOO_LONG', 'teamNameTooLong', { max: 200 });

  const row: RosterRow = {
    row: number,
    communeCode: textOf(raw('communeCode')),
    village: text('village'),
    teamName,
    decisionNumber,
    decisionDate: date('decisionDate'),
    fullName,
    birthYear,
    role: role?.[1] ?? MemberRole.MEMBER,
    standingDeputy: role?.[2] ?? false,
    affiliation: affiliationOf(text('affiliation')),
    phone,
    joinedOn: date('joinedOn'),
  };
  return { row: problems.length === 0 ? row : undefined, problems, conversions };
}

/** The template's title rows and headings; `rows` the members to fill it with (the roster exported back). */
export function rosterSheet(title: string, rows: Cell[][]): Sheet {
  const columns = Object.values(ROSTER_COLUMNS);
  return {
    name: 'Danh sách thành viên',
    widths: [6, 12, 22, 34, 18, 16, 28, 10, 22, 32, 16, 16],
    rows: [
      ['DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG'],
      [title],
      ['Mỗi dòng một thành viên. Thôn/Bản để trống: tổ cấp xã. Chức vụ: Tổ trưởng, Tổ phó, Tổ phó thường trực, Thành viên thường trực, Thành viên, Cộng tác viên. Ngày ghi dd/mm/yyyy.'],
      [],
      columns,
      ...rows,
    ],
  };
}
