import { In } from 'typeorm';
import { ERASED_NAME } from '../common/consent';
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
});
