import type { Database } from '../../common/database';
import { phoneHash } from '../../common/personal-data';
import { findByReference } from '../../common/reference-codes';
import { MembershipRequest, Person } from '../entities';

/**
 * Whether `phone` is the one a request to join was made with: the applicant's, or the known
 * person's. Compared by keyed hash (personal-data.ts): the stored phone is never decrypted for it.
 */
async function madeWith(db: Database, request: MembershipRequest, phone: string): Promise<boolean> {
  const given = request.personId ? (await db.manager.findOneBy(Person, { id: request.personId }))?.phoneHash : request.applicantPhoneHash;
  return Boolean(given) && given === phoneHash(phone);
}

/** The request to join a resident names by phone and reference code (see findByReference). */
export function findJoinRequestByReference(db: Database, input: { phone: string; referenceCode: string }): Promise<MembershipRequest> {
  return findByReference(db, MembershipRequest, input, (request, phone) => madeWith(db, request, phone));
}
