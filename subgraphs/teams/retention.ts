import type { RetentionRule } from '../common/retention';
import { monthsBefore } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { LessThan } from 'typeorm';
import { AccessCode, MembershipRequest, MembershipRequestKind, MembershipRequestStatus, Person } from './entities';

/** A refused (or withdrawn) application to join is kept a year, for a complaint about the decision. */
export const REFUSED_APPLICATION_MONTHS = 12;

/** A member who left keeps their contact a year (the team may still need to reach them, e.g. to hand back equipment). */
export const FORMER_MEMBER_MONTHS = 12;

/** One-time codes, used or not, are kept a day after they expire (investigating abuse of the day); the hourly limit looks back one hour. */
export const ACCESS_CODE_KEEP_HOURS = 24;

export const teamsRetention: RetentionRule[] = [
  {
    name: 'refused-applicants',
    description: `the applicant’s name, phone and address on a request to join refused or withdrawn, ${REFUSED_APPLICATION_MONTHS} months after the decision`,
    async eraseBatch(manager, now, limit) {
      const rows = await manager
        .createQueryBuilder(MembershipRequest, 'request')
        .where('request.kind = :join', { join: MembershipRequestKind.JOIN })
        .andWhere('request.status IN (:...closed)', { closed: [MembershipRequestStatus.REJECTED, MembershipRequestStatus.WITHDRAWN] })
        .andWhere('request.decidedAt < :until', { until: monthsBefore(now, REFUSED_APPLICATION_MONTHS).time })
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
    description: `a former member's phone, address and birth year, ${FORMER_MEMBER_MONTHS} months after they left their last team`,
    async eraseBatch(manager, now, limit) {
      const until = monthsBefore(now, FORMER_MEMBER_MONTHS).date;
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
    description: `one-time codes to prove a phone (used or not), ${ACCESS_CODE_KEEP_HOURS} hours after they expire`,
    async eraseBatch(manager, now, limit) {
      const rows = await manager.find(AccessCode, {
        select: { id: true },
        where: { expiresAt: LessThan(new Date(now.getTime() - ACCESS_CODE_KEEP_HOURS * 3_600_000)) },
        order: { expiresAt: 'ASC' },
        take: limit,
      });
      if (rows.length > 0) await manager.delete(AccessCode, rows.map((row) => row.id));
      return rows.length;
    },
  },
];
