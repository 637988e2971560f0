import type { EntityManager } from 'typeorm';
import { InteractionKind, Pledge, PledgeInstalment, Programme, Sponsor, SponsorInteraction } from '../entities';

/** Where to look: under one unit's path (`/40/17227/`), or everywhere (the reminders' jobs). */
export interface FollowUpWindow {
  unitPath?: string;
  today: string;
  until: string;
}

/**
 * Instalments still expected and due by `until` (so the overdue ones too), of pledges not cancelled,
 * by due date, each with its pledge: what officers chase (`pledgeFollowUp`) and are reminded of.
 */
export function instalmentsToFollowUp(manager: EntityManager, { unitPath, until }: FollowUpWindow): Promise<PledgeInstalment[]> {
  const query = manager
    .createQueryBuilder(PledgeInstalment, 'instalment')
    .innerJoinAndMapOne('instalment.pledge', Pledge, 'pledge', 'pledge.id = instalment.pledgeId AND pledge.cancelledAt IS NULL')
    .innerJoin(Programme, 'programme', 'programme.id = pledge.programmeId')
    .where('instalment.dueOn <= :until', { until })
    .andWhere('instalment.writtenOffAt IS NULL')
    .andWhere('instalment.received < instalment.amount');
  if (unitPath) query.andWhere('programme.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
  return query.orderBy('instalment.dueOn', 'ASC').addOrderBy('instalment.position', 'ASC').getMany();
}

/** Memoranda of understanding whose validity ends between `today` and `until`, by end date. */
export function memorandaEnding(manager: EntityManager, { unitPath, today, until }: FollowUpWindow): Promise<SponsorInteraction[]> {
  const query = manager
    .createQueryBuilder(SponsorInteraction, 'memorandum')
    .innerJoin(Sponsor, 'sponsor', 'sponsor.id = memorandum.sponsorId')
    .where('memorandum.kind = :kind', { kind: InteractionKind.MEMORANDUM })
    .andWhere('memorandum.validUntil BETWEEN :today AND :until', { today, until });
  if (unitPath) query.andWhere('sponsor.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
  return query.orderBy('memorandum.validUntil', 'ASC').getMany();
}
