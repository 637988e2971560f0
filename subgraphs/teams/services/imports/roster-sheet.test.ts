import { runInRequestScope } from '../../../common/request-scope';
import { ROSTER_COLUMNS, readRosterRow, rosterHeader } from './roster-sheet';

const columns = rosterHeader(Object.values(ROSTER_COLUMNS))!;
/** A row of the template with these cells by heading, the rest blank. */
const rowWith = (number: number, cells: Partial<Record<keyof typeof ROSTER_COLUMNS, string>>) => ({
  number,
  cells: (Object.keys(ROSTER_COLUMNS) as (keyof typeof ROSTER_COLUMNS)[]).map((column) => cells[column] ?? null),
});

describe('a roster row’s problems', () => {
  const bad = rowWith(7, { fullName: 'Lò Văn Ba', role: 'Trưởng nhóm', phone: '12345' });

  it('are in Vietnamese from the catalogue, each with its stable code', () => {
    expect(readRosterRow(bad, columns).problems).toEqual([
      { row: 7, column: 'role', code: 'ROLE_UNKNOWN', message: 'không hiểu chức vụ “Trưởng nhóm”: ghi Tổ trưởng, Tổ phó, Tổ phó thường trực, Thành viên thường trực, Thành viên hoặc Cộng tác viên' },
      { row: 7, column: 'phone', code: 'PHONE_INVALID', message: '“12345” không phải số điện thoại Việt Nam (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84)' },
    ]);
  });

  it('are in English for a caller who reads English, with the same codes', () => {
    const problems = runInRequestScope('roster-sheet-test', 'en', () => readRosterRow(bad, columns).problems);
    expect(problems.map(({ code, message }) => [code, message])).toEqual([
      ['ROLE_UNKNOWN', 'the role “Trưởng nhóm” is not understood: write Tổ trưởng, Tổ phó, Tổ phó thường trực, Thành viên thường trực, Thành viên, or Cộng tác viên'],
      ['PHONE_INVALID', '“12345” is not a Vietnamese phone number (10 or 11 digits, starting with 0 or +84)'],
    ]);
  });
});
