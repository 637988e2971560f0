import type { EnvReader } from '../common/env';
import { monthsBefore, type RetentionRule } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { IdempotencyKey } from '../common/idempotency';
import { In, LessThan, Like } from 'typeorm';
import { AccessCode, MembershipRequest, MembershipRequestKind, MembershipRequestStatus, PersonalDataRequest, Person } from './entities';

/** A refused (or withdrawn) application to join is kept a year, for a complaint about the decision. */
export const REFUSED_APPLICATION_MONTHS = 12;

/** A member who left keeps their contact a year (the team may still need to reach them, e.g. to hand back equipment). */
export const FORMER_MEMBER_MONTHS = 12;

/** One-time codes, used or not, are kept a day after they expire (investigating abuse of the day); the hourly limit looks back one hour. */
export const ACCESS_CODE_KEEP_HOURS = 24;

/**
 * A handled request about a person's data keeps who made it this long (the person sees it in their
 * report; a complaint about how it was handled can be answered), then only the request stays.
 */
export const HANDLED_REQUEST_MONTHS = 12;

export function teamsRetention(env: EnvReader): RetentionRule[] {
  const refusedMonths = env.int('RETENTION_REFUSED_APPLICATION_MONTHS', REFUSED_APPLICATION_MONTHS, { min: 1, max: 120 });
  const formerMemberMonths = env.int('RETENTION_FORMER_MEMBER_MONTHS', FORMER_MEMBER_MONTHS, { min: 1, max: 120 });
  const accessCodeHours = env.int('RETENTION_ACCESS_CODE_HOURS', ACCESS_CODE_KEEP_HOURS, { min: 1, max: 90 * 24 });
  const handledRequestMonths = env.int('RETENTION_HANDLED_REQUEST_MONTHS', HANDLED_REQUEST_MONTHS, { min: 1, max: 120 });
  return [
    {
      name: 'refused-applicants',
      description: `the applicant’s name, phone and address on a request to join refused or withdrawn, ${refusedMonths} months after the decision`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager
          .createQueryBuilder(MembershipRequest, 'request')
          .where('request.kind = :join', { join: MembershipRequestKind.JOIN })
          .andWhere('request.status IN (:...closed)', { closed: [MembershipRequestStatus.REJECTED, MembershipRequestStatus.WITHDRAWN] })
          .andWhere('request.decidedAt < :until', { until: monthsBefore(now, refusedMonths).time })
          .andWhere('request.applicantName IS NOT NULL AND request.applicantName <> :erased', { erased: ERASED_NAME })
          .orderBy('request.id')
          .limit(limit)
          .getMany();
        await manager.save(rows.map((request) => Object.assign(request, { applicantName: ERASED_NAME, applicantPhone: null, applicantAddress: null })));
        return rows.length;
      },
    },
    {
      name: 'former-members',
      description: `a former member's phone, address and birth year, ${formerMemberMonths} months after they left their last team`,
      async eraseBatch(manager, now, limit) {
        const until = monthsBefore(now, formerMemberMonths).date;
        const rows = await manager
          .createQueryBuilder(Person, 'person')
          .where('(person.phone IS NOT NULL OR person.address IS NOT NULL OR person.birthYear IS NOT NULL)')
          .andWhere('EXISTS (SELECT 1 FROM member m WHERE m.personId = person.id)')
          // Still in a team, or left one less than the period ago: kept.
          .andWhere('NOT EXISTS (SELECT 1 FROM member m WHERE m.personId = person.id AND (m.leftOn IS NULL OR m.leftOn >= :until))', { until })
          .orderBy('person.id')
          .limit(limit)
          .getMany();
        // The phone's keyed hash goes with the phone (personal-data.ts fills it from the phone).
        await manager.save(rows.map((person) => Object.assign(person, { phone: null, address: null, birthYear: null })));
        return rows.length;
      },
    },
    {
      name: 'access-codes',
      description: `one-time codes to prove a phone (used or not), ${accessCodeHours} hours after they expire`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager.find(AccessCode, {
          select: { id: true },
          where: { expiresAt: LessThan(new Date(now.getTime() - accessCodeHours * 3_600_000)) },
          order: { expiresAt: 'ASC' },
          take: limit,
        });
        if (rows.length > 0) await manager.delete(AccessCode, rows.map((row) => row.id));
        return rows.length;
      },
    },
    {
      name: 'handled-requests',
      description: `who made a request about their data (their key, their words, the record of its retry key), ${handledRequestMonths} months after it was handled; its kind, dates, deadline, outcome and officer stay`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager
          .createQueryBuilder(PersonalDataRequest, 'request')
          .select('request.id', 'id')
          .where('request.subjectKey IS NOT NULL')
          .andWhere('request.handledAt < :until', { until: monthsBefore(now, handledRequestMonths).time })
          // A restriction in force rests on the request that made it (restriction.ts): kept until lifted or erased.
          .andWhere('NOT EXISTS (SELECT 1 FROM processing_restriction restriction WHERE restriction.requestId = request.id)')
          .orderBy('request.id')
          .limit(limit)
          .getRawMany<{ id: string }>();
        if (rows.length === 0) return 0;
        const ids = rows.map((row) => row.id);
        await manager.update(PersonalDataRequest, { id: In(ids) }, { subjectKey: null, details: null });
        // The retry key's record names the person too: its scope holds their token's subject (data-subject:<key>).
        await manager.delete(IdempotencyKey, { resultId: In(ids), scope: Like('requestPersonalDataAction:%') });
        return rows.length;
      },
    },
  ];
}
