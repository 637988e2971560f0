const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's date in Vietnam, `YYYY-MM-DD`: what "today" means on a decision or a roster. */
export function todayInVietnam(now = new Date()): string {
  return vietnamDate.format(now);
}
