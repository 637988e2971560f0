import { GraphQLError } from 'graphql';
import type { Database } from '../../common/database';
import { phoneHash } from '../../common/personal-data';
import { MAX_FAILED_LOOKUPS, normalizeReferenceCode } from '../../common/reference-codes';
import { StallApplication } from '../entities';

/** Who a household or business applying is, for "once per category": its phone's keyed hash (personal-data.ts), never the phone. */
export function phoneExhibitorKey(phone: string): string {
  return `phone:${phoneHash(phone)}`;
}

/** One answer for a wrong code and a wrong phone alike, so a guess learns nothing. */
function noSuchApplication(): GraphQLError {
  return new GraphQLError('No application has this phone and reference code', { extensions: { code: 'NOT_FOUND', field: 'referenceCode' } });
}

/**
 * The application an anonymous applicant names by phone and reference code. A wrong phone counts
 * against the code (a conditional increment, safe under concurrency); after MAX_FAILED_LOOKUPS
 * the code is locked and its owner asks the organisers.
 */
export async function findByReference(db: Database, input: { phone: string; referenceCode: string }): Promise<StallApplication> {
  const referenceCode = normalizeReferenceCode(input.referenceCode);
  const application = await db.manager.findOneBy(StallApplication, { referenceCode });
  if (!application) throw noSuchApplication();
  if (application.failedLookups >= MAX_FAILED_LOOKUPS) {
    throw new GraphQLError('This reference code is locked after too many wrong phone numbers: ask the organisers', {
      extensions: { code: 'TOO_MANY_ATTEMPTS', field: 'referenceCode' },
    });
  }
  // Compared by keyed hash (personal-data.ts): the stored phone is never decrypted for it.
  if (application.contactPhoneHash !== phoneHash(input.phone)) {
    await db.manager.increment(StallApplication, { id: application.id }, 'failedLookups', 1);
    throw noSuchApplication();
  }
  return application;
}
