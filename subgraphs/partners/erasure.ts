import { In } from 'typeorm';
import { consentsOfSubject, ERASED_NAME } from '../common/consent';
import { eraseOnRequest, forgetConsentsOf, recordsOf } from '../common/data-subject';
import { Onboarding } from './entities';

/**
 * Partners' part of an erasure (data-subject.ts): a household's onboarding stays in the partner's
 * and the team's figures, without its name, phone or address.
 */
export const eraseOnboardingsOnRequest = eraseOnRequest('partners', async (manager, subjectKey) => {
  const onboardings = recordsOf(await forgetConsentsOf(manager, subjectKey), Onboarding);
  if (onboardings.length === 0) return 0;
  const { affected } = await manager.update(Onboarding, { id: In(onboardings) }, { name: ERASED_NAME, phone: null, address: null });
  return affected ?? 0;
}, async (manager, subjectKey, { address }) => {
  // A correction: the household's address (its name is the household's, not the person's).
  const onboardings = (await consentsOfSubject(manager, subjectKey, Onboarding.name)).map((consent) => consent.recordId);
  if (!address || onboardings.length === 0) return 0;
  const rows = await manager.findBy(Onboarding, { id: In(onboardings) });
  await manager.save(rows.map((row) => Object.assign(row, { address })));
  return rows.length;
});
