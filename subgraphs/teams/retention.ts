import type { RetentionRule } from '../common/retention';
import { monthsBefore } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { MembershipRequest, MembershipRequestKind, MembershipRequestStatus } from './entities';

/** A refused (or withdrawn) application to join is kept a year, for a complaint about the decision. */
export const REFUSED_APPLICATION_MONTHS = 12;

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
];

