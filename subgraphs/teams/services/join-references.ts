import type { Database } from '../../common/database';
import { findByReference, normalizePhone } from '../../common/reference-codes';
import { MembershipRequest, Person } from '../entities';

/**
 * Whether `phone` (normalised) is the one a request to join was made with: the applicant's, or
 * the known person's. The only place a request is matched by phone, so how phones are stored
 * (plain or as a keyed hash) changes here alone.
 */
async function madeWith(db: Database, request: MembershipRequest, phone: string): Promise<boolean> {
  const given = request.personId ? (await db.manager.findOneBy(Person, { id: request.personId }))?.phone : request.applicantPhone;
  return Boolean(given) && normalizePhone(given!) === phone;
}

/** The request to join a resident names by phone and reference code (see findByReference). */
export function findJoinRequestByReference(db: Database, input: { phone: string; referenceCode: string }): Promise<MembershipRequest> {
  return findByReference(db, MembershipRequest, input, (request, phone) => madeWith(db, request, phone));
}
