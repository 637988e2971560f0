import type { Database } from '../../common/database';
import { findByReference, normalizePhone } from '../../common/reference-codes';
import { StallApplication } from '../entities';

/** Whether `phone` (normalised) is the one the application was made with. */
const appliedWith = (application: StallApplication, phone: string) => normalizePhone(application.contactPhone) === phone;

/** The application an anonymous applicant names by phone and reference code (see findByReference). */
export function findApplicationByReference(db: Database, input: { phone: string; referenceCode: string }): Promise<StallApplication> {
  return findByReference(db, StallApplication, input, appliedWith);
}
