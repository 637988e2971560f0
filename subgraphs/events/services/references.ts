import type { Database } from '../../common/database';
import { phoneHash } from '../../common/personal-data';
import { findByReference } from '../../common/reference-codes';
import { StallApplication } from '../entities';

/** Who a household or business applying is, for "once per category": its phone's keyed hash (personal-data.ts), never the phone. */
export function phoneExhibitorKey(phone: string): string {
  return `phone:${phoneHash(phone)}`;
}

/** Whether `phone` is the one the application was made with, by keyed hash: the stored phone is never decrypted for it. */
const appliedWith = (application: StallApplication, phone: string) => application.contactPhoneHash === phoneHash(phone);

/** The application an anonymous applicant names by phone and reference code (see findByReference). */
export function findApplicationByReference(db: Database, input: { phone: string; referenceCode: string }): Promise<StallApplication> {
  return findByReference(db, StallApplication, input, appliedWith);
}
