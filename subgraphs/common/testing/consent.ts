/** A consent as a write's input carries it: a paper form signed under the January 2026 notice. */
export const GIVEN_CONSENT = { noticeVersion: '2026-01', channel: 'PAPER_FORM' } as const;
