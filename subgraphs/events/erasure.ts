import { In } from 'typeorm';
import { ERASED_NAME } from '../common/consent';
import { eraseOnRequest, forgetConsentsOf, recordsOf } from '../common/data-subject';
import { ContestEntry, StallApplication } from './entities';
import { withoutContact } from './retention';
import { cancelIfOpen } from './services/stalls';

/**
 * Events' part of an erasure (data-subject.ts): an application still open is cancelled first (nobody
 * is left to contact about the stall, which goes to the first waitlisted, as when the consent is
 * withdrawn); every application stays (the fair's records) without its contact or a household's
 * name, as retention leaves it; a contest entry keeps its title and score but no longer names the entrant.
 */
export const eraseApplicationsOnRequest = eraseOnRequest('events', async (manager, subjectKey, db) => {
  const consents = await forgetConsentsOf(manager, subjectKey);
  const applicationIds = recordsOf(consents, StallApplication);
  const found = await manager.find(StallApplication, {
    where: [{ contactPhoneHash: subjectKey }, ...(applicationIds.length ? [{ id: In(applicationIds) }] : [])],
    order: { id: 'ASC' },
  });
  for (const application of found) {
    const { current } = await cancelIfOpen(db, manager, application);
    await manager.save(withoutContact(current));
  }
  const entries = recordsOf(consents, ContestEntry);
  if (entries.length > 0) await manager.update(ContestEntry, { id: In(entries) }, { entrant: ERASED_NAME });
  return found.length + entries.length;
}, async (manager, subjectKey, { fullName }) => {
  // A correction: the contact's name on the person's applications (the exhibitor's name is the household's or business's).
  if (!fullName) return 0;
  const { affected } = await manager.update(StallApplication, { contactPhoneHash: subjectKey }, { contactName: fullName });
  return affected ?? 0;
});
