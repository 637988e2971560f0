import { invalidInput } from './errors';
import { t } from './messages';

/**
 * Reporting periods: a month (`2025-07`), a quarter (`2025-Q3`) or a year (`2025`). Teams
 * report months; quarters and years are the months they cover, so every figure of a longer
 * period is a sum of monthly ones (in every subgraph that counts things per period).
 */
export enum PeriodKind {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

export interface Period {
  /** As written: `2025-07`, `2025-Q3`, `2025`. */
  code: string;
  kind: PeriodKind;
  year: number;
  /** First and last month covered, `YYYY-MM` (they compare as strings). */
  firstMonth: string;
  lastMonth: string;
}

/** How a period is written; input classes @Matches it too, so a malformed one is refused with the other bad fields. */
export const PERIOD_PATTERN = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/;
export const PERIOD_MESSAGE = () => t('checks.period');
const month = (year: number, value: number) => `${year}-${String(value).padStart(2, '0')}`;

/** Parses a period, refusing anything else with BAD_USER_INPUT naming `field`. */
export function parsePeriod(code: string, field = 'period'): Period {
  const match = PERIOD_PATTERN.exec(code);
  const year = Number(match?.[1]);
  if (!match || year < 2000 || year > 2100) {
    throw invalidInput(field, PERIOD_MESSAGE());
  }
  if (match[2]) {
    const value = Number(match[2]);
    if (value < 1 || value > 12) throw invalidInput(field, t('problems.monthNumber'));
    return { code, kind: PeriodKind.MONTH, year, firstMonth: month(year, value), lastMonth: month(year, value) };
  }
  if (match[3]) {
    const quarter = Number(match[3]);
    return { code, kind: PeriodKind.QUARTER, year, firstMonth: month(year, quarter * 3 - 2), lastMonth: month(year, quarter * 3) };
  }
  return { code, kind: PeriodKind.YEAR, year, firstMonth: month(year, 1), lastMonth: month(year, 12) };
}

/** A single month, e.g. for a team's monthly report. */
export function parseMonth(code: string, field = 'month'): string {
  const period = parsePeriod(code, field);
  if (period.kind !== PeriodKind.MONTH) throw invalidInput(field, t('checks.month'));
  return period.firstMonth;
}

/** Every month of a period, or of any `first..last` range, in order (none when last is before first). */
export function monthsOf({ firstMonth, lastMonth }: Pick<Period, 'firstMonth' | 'lastMonth'>): string[] {
  const months: string[] = [];
  for (let [year, value] = firstMonth.split('-').map(Number); month(year, value) <= lastMonth; ) {
    months.push(month(year, value));
    [year, value] = value === 12 ? [year + 1, 1] : [year, value + 1];
  }
  return months;
}

/** The dates a period covers, `YYYY-MM-DD`, for subgraphs that count dated rows. */
export function datesOf(period: Period): { from: string; to: string } {
  const [year, last] = period.lastMonth.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { from: `${period.firstMonth}-01`, to: `${period.lastMonth}-${String(lastDay).padStart(2, '0')}` };
}
