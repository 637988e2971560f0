import type { EnvReader } from '../common/env';
import { monthsBefore, type RetentionRule } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { In, LessThan } from 'typeorm';
import { OnboardeeKind, Onboarding, RestrictedMember, WebhookDelivery, WebhookDeliveryStatus } from './entities';

/** A household onboarded is followed up by the partner for a while: kept 24 months after the last follow-up by default. */
export const ONBOARDED_HOUSEHOLD_MONTHS = 24;

/** A webhook delivery settled (delivered, or failed and not redelivered) is kept this long in the log, then erased with its attempts. */
export const WEBHOOK_DELIVERY_DAYS = 30;

/**
 * A lifted restriction's row (member and request ids) is what makes a late `restricted` announcement
 * change nothing; teams' outbox keeps an event 30 days by default (EVENT_OUTBOX_KEEP_DAYS), so the
 * row is kept well beyond that, then deleted: a member nobody restricts needs no row.
 */
export const LIFTED_RESTRICTION_DAYS = 90;

export function partnersRetention(env: EnvReader): RetentionRule[] {
  const householdMonths = env.int('RETENTION_ONBOARDED_HOUSEHOLD_MONTHS', ONBOARDED_HOUSEHOLD_MONTHS, { min: 1, max: 120 });
  const deliveryDays = env.int('RETENTION_WEBHOOK_DELIVERY_DAYS', WEBHOOK_DELIVERY_DAYS, { min: 1, max: 3650 });
  const liftedDays = env.int('RETENTION_LIFTED_RESTRICTION_DAYS', LIFTED_RESTRICTION_DAYS, {
    min: 30,
    max: 3650,
    why: 'not below the outbox’s default keep: a restriction announced that late would restrict the member again',
  });
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
    {
      name: 'lifted-restrictions',
      description: `a member’s lifted processing restriction (ids only), ${liftedDays} days after it was lifted`,
      async eraseBatch(manager, now, limit) {
        const until = new Date(now.getTime() - liftedDays * 86_400_000);
        const rows = await manager
          .createQueryBuilder(RestrictedMember, 'row')
          .select('row.memberId')
          .where('row.restricted = :lifted', { lifted: false })
          .andWhere('row.decidedAt < :until', { until })
          .orderBy('row.memberId')
          .limit(limit)
          .getMany();
        // Conditional: a row announced again meanwhile (restricted, or lifted anew) stays.
        if (rows.length > 0) await manager.delete(RestrictedMember, { memberId: In(rows.map((row) => row.memberId)), restricted: false, decidedAt: LessThan(until) });
        return rows.length;
      },
    },
  ];
}
