const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's date in Vietnam, `YYYY-MM-DD`: what "today" means on a decision or a roster. */
export function todayInVietnam(now = new Date()): string {
  return vietnamDate.format(now);
}

/** `YYYY-MM-DD` plus `days` (negative for earlier). */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
