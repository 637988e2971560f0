import { In } from 'typeorm';
import { ERASED_NAME } from '../common/consent';
import { eraseOnRequest, forgetConsentsOf, recordsOf } from '../common/data-subject';
import { Allocation } from './entities';

/**
 * Resources' part of an erasure (data-subject.ts): a gift stays in the programme's accounts (its
 * quantity, date and codes, and the receipts and totals it came from) but no longer names the household.
 */
export const eraseGiftsOnRequest = eraseOnRequest('resources', async (manager, subjectKey) => {
  const allocations = recordsOf(await forgetConsentsOf(manager, subjectKey), Allocation);
  if (allocations.length === 0) return 0;
  const { affected } = await manager.update(Allocation, { id: In(allocations) }, { household: ERASED_NAME });
  return affected ?? 0;
});
