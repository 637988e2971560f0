/** A lot's serials or codes as the stock screen has them: all of the lot's, and those each allocation issued. */
export interface LotCodes {
  codes: readonly string[];
  allocations: readonly { codes: readonly string[] }[];
}

/** The lot's codes not issued yet, in the lot's order. */
export function freeCodes(lot: LotCodes): string[] {
  const issued = new Set(lot.allocations.flatMap((allocation) => allocation.codes));
  return lot.codes.filter((code) => !issued.has(code));
}

/**
 * The codes an issue names: those picked, or else the first `count` free ones (none from a lot
 * without codes); undefined when the count is more than the free codes, never fewer than asked for.
 */
export function codesToIssue(free: readonly string[], picked: readonly string[], count: number, lotHasCodes: boolean): string[] | undefined {
  if (picked.length > 0) return [...picked];
  if (!lotHasCodes) return [];
  return count <= free.length ? free.slice(0, count) : undefined;
}
