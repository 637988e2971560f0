import type { RetentionRule } from '../common/retention';
import { monthsBefore } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { Allocation } from './entities';

/** Accounting documents are kept at least 10 years (Law on Accounting 88/2015/QH13, art. 41): then the household's name goes. */
export const GIFT_RECIPIENT_MONTHS = 120;

export const resourcesRetention: RetentionRule[] = [
  {
    name: 'gift-recipients',
    description: `a household’s name on a gift, ${GIFT_RECIPIENT_MONTHS / 12} years after it was given (the allocation stays in the accounts)`,
    async eraseBatch(manager, now, limit) {
      const rows = await manager
        .createQueryBuilder(Allocation, 'allocation')
        .where('allocation.household IS NOT NULL AND allocation.household <> :erased', { erased: ERASED_NAME })
        .andWhere('allocation.issuedOn < :until', { until: monthsBefore(now, GIFT_RECIPIENT_MONTHS).date })
        .orderBy('allocation.id')
        .limit(limit)
        .getMany();
      await manager.save(rows.map((allocation) => Object.assign(allocation, { household: ERASED_NAME })));
      return rows.length;
    },
  },
];
