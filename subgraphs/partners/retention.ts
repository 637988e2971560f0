import type { RetentionRule } from '../common/retention';
import { monthsBefore } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { OnboardeeKind, Onboarding } from './entities';

/** A household onboarded is followed up by the partner for a while: kept 24 months after the last follow-up. */
export const ONBOARDED_HOUSEHOLD_MONTHS = 24;

export const partnersRetention: RetentionRule[] = [
  {
    name: 'onboarded-households',
    description: `an onboarded household’s name, phone and address, ${ONBOARDED_HOUSEHOLD_MONTHS} months after its last follow-up (the onboarding stays in the figures)`,
    async eraseBatch(manager, now, limit) {
      const rows = await manager
        .createQueryBuilder(Onboarding, 'onboarding')
        .where('onboarding.onboardeeKind = :household', { household: OnboardeeKind.HOUSEHOLD })
        .andWhere('onboarding.updatedAt < :until', { until: monthsBefore(now, ONBOARDED_HOUSEHOLD_MONTHS).time })
        .andWhere('onboarding.name <> :erased', { erased: ERASED_NAME })
        .orderBy('onboarding.id')
        .limit(limit)
        .getMany();
      await manager.save(rows.map((onboarding) => Object.assign(onboarding, { name: ERASED_NAME, phone: null, address: null })));
      return rows.length;
    },
  },
];
