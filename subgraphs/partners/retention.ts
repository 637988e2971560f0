import type { EnvReader } from '../common/env';
import { monthsBefore, type RetentionRule } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { In } from 'typeorm';
import { OnboardeeKind, Onboarding, WebhookDelivery, WebhookDeliveryStatus } from './entities';

/** A household onboarded is followed up by the partner for a while: kept 24 months after the last follow-up by default. */
export const ONBOARDED_HOUSEHOLD_MONTHS = 24;

/** A webhook delivery settled (delivered, or failed and not redelivered) is kept this long in the log, then erased with its attempts. */
export const WEBHOOK_DELIVERY_DAYS = 30;

export function partnersRetention(env: EnvReader): RetentionRule[] {
  const householdMonths = env.int('RETENTION_ONBOARDED_HOUSEHOLD_MONTHS', ONBOARDED_HOUSEHOLD_MONTHS, { min: 1, max: 120 });
  const deliveryDays = env.int('RETENTION_WEBHOOK_DELIVERY_DAYS', WEBHOOK_DELIVERY_DAYS, { min: 1, max: 3650 });
  return [
    {
      name: 'onboarded-households',
      description: `an onboarded household’s name, phone and address, ${householdMonths} months after its last follow-up (the onboarding stays in the figures)`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager
          .createQueryBuilder(Onboarding, 'onboarding')
          .where('onboarding.onboardeeKind = :household', { household: OnboardeeKind.HOUSEHOLD })
          .andWhere('onboarding.updatedAt < :until', { until: monthsBefore(now, householdMonths).time })
          .andWhere('onboarding.name <> :erased', { erased: ERASED_NAME })
          .orderBy('onboarding.id')
          .limit(limit)
          .getMany();
        await manager.save(rows.map((onboarding) => Object.assign(onboarding, { name: ERASED_NAME, phone: null, address: null })));
        return rows.length;
      },
    },
    {
      name: 'webhook-deliveries',
      description: `a webhook delivery and its attempts, ${deliveryDays} days after its last round of attempts began, once delivered or failed (pending ones are kept until settled)`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager
          .createQueryBuilder(WebhookDelivery, 'delivery')
          .select('delivery.id')
          .where('delivery.status IN (:...settled)', { settled: [WebhookDeliveryStatus.DELIVERED, WebhookDeliveryStatus.FAILED] })
          .andWhere('delivery.roundStartedAt < :until', { until: new Date(now.getTime() - deliveryDays * 86_400_000) })
          .orderBy('delivery.id')
          .limit(limit)
          .getMany();
        // The attempts go with them (the foreign key cascades).
        if (rows.length > 0) await manager.delete(WebhookDelivery, { id: In(rows.map((row) => row.id)) });
        return rows.length;
      },
    },
  ];
}
