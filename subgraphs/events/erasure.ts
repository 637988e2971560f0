import { In } from 'typeorm';
import { ERASED_NAME } from '../common/consent';
import { eraseOnRequest, forgetConsentsOf, recordsOf } from '../common/data-subject';
import { ContestEntry, StallApplication } from './entities';
import { withoutContact } from './retention';

/**
 * Events' part of an erasure (data-subject.ts): a stall application stays (the fair's records) without
 * its contact or a household's name, as retention leaves it; a contest entry keeps its title and score
 * but no longer names the entrant.
 */
export const eraseApplicationsOnRequest = eraseOnRequest('events', async (manager, subjectKey) => {
  const consents = await forgetConsentsOf(manager, subjectKey);
  const applicationIds = recordsOf(consents, StallApplication);
  const applications = await manager.find(StallApplication, {
    where: [{ contactPhoneHash: subjectKey }, ...(applicationIds.length ? [{ id: In(applicationIds) }] : [])],
  });
  await manager.save(applications.map(withoutContact));
  const entries = recordsOf(consents, ContestEntry);
  if (entries.length > 0) await manager.update(ContestEntry, { id: In(entries) }, { entrant: ERASED_NAME });
  return applications.length + entries.length;
});
