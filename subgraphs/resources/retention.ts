import type { EnvReader } from '../common/env';
import { monthsBefore, type RetentionRule } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { Allocation } from './entities';

/** Accounting documents are kept at least 10 years (Law on Accounting 88/2015/QH13, art. 41): then the household's name goes. The default, and the least a setting may say. */
export const GIFT_RECIPIENT_MONTHS = 120;

export function resourcesRetention(env: EnvReader): RetentionRule[] {
  const giftMonths = env.int('RETENTION_GIFT_RECIPIENT_MONTHS', GIFT_RECIPIENT_MONTHS, {
    min: GIFT_RECIPIENT_MONTHS,
    max: 1200,
    why: 'a gift’s allocation is an accounting document, kept at least 10 years: Law on Accounting 88/2015/QH13, art. 41',
  });
  return [
    {
      name: 'gift-recipients',
      description: `a household’s name on a gift, ${giftMonths} months after it was given (the allocation stays in the accounts)`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager
          .createQueryBuilder(Allocation, 'allocation')
          .where('allocation.household IS NOT NULL AND allocation.household <> :erased', { erased: ERASED_NAME })
          .andWhere('allocation.issuedOn < :until', { until: monthsBefore(now, giftMonths).date })
          .orderBy('allocation.id')
          .limit(limit)
          .getMany();
        await manager.save(rows.map((allocation) => Object.assign(allocation, { household: ERASED_NAME })));
        return rows.length;
      },
    },
  ];
}
