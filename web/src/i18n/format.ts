/** Dates and money as Vietnamese people write them: 05/12/2026 and "1.500.000 ₫". */

/**
 * A formatter made on its first use, then kept: making an Intl formatter loads its locale's (and
 * time zone's) data, which took 100–130 ms of a slowed phone's start-up when all were made as the
 * module loaded, on pages that use none or one of them (Lighthouse's total blocking time, issue 16).
 */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const money = once(() => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }));
const number = once(() => new Intl.NumberFormat('vi-VN'));
const clock = once(() => new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }));

/** Money arrives as whole đồng in a string of digits (exact beyond 2^53). */
export function formatMoney(amount: string | number): string {
  return money().format(typeof amount === 'string' ? BigInt(amount) : amount);
}

export function formatNumber(value: number): string {
  return number().format(value);
}

/** `2026-12-05` or an ISO timestamp → `05/12/2026` (a timestamp in Vietnam's time). */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [year, month, day] = iso.split('-');
    return `${day}/${month}/${year}`;
  }
  return new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}

/** A month `2025-07` → `07/2025`, as officers write months. */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** Today in Vietnam as `YYYY-MM-DD`. */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** A shift's time, in Vietnam's time: `07:00–11:00, 05/12/2026`. */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  return `${clock().format(new Date(startsAt))}–${clock().format(new Date(endsAt))}, ${formatDate(startsAt)}`;
}

/** A moment, in Vietnam's time: `17:01 12/09/2025`. */
export function formatDateTime(iso: string): string {
  return `${clock().format(new Date(iso))} ${formatDate(iso)}`;
}

/** Hours as Vietnamese people write them: `2,5 giờ`. */
export function formatHours(hours: number): string {
  return `${number().format(hours)} giờ`;
}
