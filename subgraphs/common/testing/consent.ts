import type { Database } from '../database';
import { Viewer } from '../auth';
import { ConsentChannel, ConsentPurpose, recordConsent, type Consent } from '../consent';

/** A consent as a write's input carries it: a paper form signed under the January 2026 notice. */
export const GIVEN_CONSENT = { noticeVersion: '2026-01', channel: 'PAPER_FORM' } as const;

/** The consent a person gave with an existing record, as the write that made it would have recorded it. */
export function fakeConsent(db: Database, record: { constructor: Function; id: string }, purpose: ConsentPurpose, phone: string): Promise<Consent> {
  return recordConsent(db.manager, Viewer.anonymous, record, purpose, { noticeVersion: '2026-01', channel: ConsentChannel.PAPER_FORM }, phone);
}
