import { t } from './messages';

const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's date in Vietnam, `YYYY-MM-DD`: what "today" means on a decision or a roster. */
export function todayInVietnam(now = new Date()): string {
  return vietnamDate.format(now);
}

/** `2026-12-09` → `09/12/2026`, and `2026-12` → `12/2026`: dates as people in Vietnam write them. */
export function dateInWords(date: string): string {
  return date.split('-').reverse().join('/');
}

/** `YYYY-MM-DD` plus `days` (negative for earlier). */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/**
 * The plausible dates of a field: from `earliest` (a date, or years before today) to `latest`
 * (days or years after today), today being Vietnam's. Every date an input takes declares one
 * (`@DateWithin`), so year 0000 or 5026 never reaches a receipt number or a calendar.
 */
export interface DateRange {
  earliest: string | { yearsBack: number };
  latest: { daysAhead: number } | { yearsAhead: number };
}

export const DATE_RANGES = {
  /**
   * What has happened and is being recorded (a donation received, an expense, a shift, a gift
   * handed over, a training held, a meeting, a decision): not before 2020, when the first
   * records the hub may be given were kept; not after tomorrow (a clock or a time zone ahead).
   */
  happened: { earliest: '2020-01-01', latest: { daysAhead: 1 } },
  /** What is planned or promised (an event, a programme's start, a due date, a deadline, an offer's start): within five years of today. */
  planned: { earliest: { yearsBack: 5 }, latest: { yearsAhead: 5 } },
  /** When an agreement ends (a memorandum, an offer): within ten years ahead. */
  agreementEnd: { earliest: { yearsBack: 5 }, latest: { yearsAhead: 10 } },
  /** A date that only filters what a query lists: any date the records above may hold. */
  filter: { earliest: '2020-01-01', latest: { yearsAhead: 10 } },
} satisfies Record<string, DateRange>;

/** The first and last dates of a range, as of `today`. */
export function datesOfRange(range: DateRange, today = todayInVietnam()): { from: string; to: string } {
  const yearsFrom = (years: number) => `${Number(today.slice(0, 4)) + years}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
  const from = typeof range.earliest === 'string' ? range.earliest : yearsFrom(-range.earliest.yearsBack);
  const to = 'daysAhead' in range.latest ? addDays(today, range.latest.daysAhead) : yearsFrom(range.latest.yearsAhead);
  return { from, to };
}

/** Why `date` (`YYYY-MM-DD`) is outside `range`, or null when it is inside. */
export function outsideRange(date: string, range: DateRange, today = todayInVietnam()): string | null {
  const { from, to } = datesOfRange(range, today);
  return date < from || date > to ? t('checks.dateWithin', { from, to }) : null;
}
