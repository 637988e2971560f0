export { AccessCode } from './access-code.entity';
export { ActivityPlan, PlanTheme, ProgrammeActivity, WorkAssignment } from './activity-plan.entity';
export { ActivityReport, ActivityReportRevision, PeriodLock, UnitMonthTotal, UnitTeamCount } from './activity-report.entity';
export { AdministrativeUnit } from './administrative-unit.entity';
export * from './enums';
export * from './indicators';
export { ImportIssue, ImportIssueKind, ImportJob, ImportJobStatus, ImportUploadChunk } from './import-job.entity';
export { Member } from './member.entity';
export { MembershipRequest } from './membership-request.entity';
export { Person } from './person.entity';
export { ConsentChannel, LawfulBasis, PersonConsent } from './person-consent.entity';
export { SubGroup } from './sub-group.entity';
export { Team } from './team.entity';
export { Target, teamScope, unitScope } from './target.entity';

import { AuditEntry } from '../../common/audit';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { Consent } from '../../common/consent';
import { IdempotencyKey } from '../../common/idempotency';
import { AccessCode } from './access-code.entity';
import { ActivityPlan, PlanTheme, ProgrammeActivity, WorkAssignment } from './activity-plan.entity';
import { ActivityReport, ActivityReportRevision, PeriodLock, UnitMonthTotal, UnitTeamCount } from './activity-report.entity';
import { AdministrativeUnit } from './administrative-unit.entity';
import { ImportIssue, ImportJob, ImportUploadChunk } from './import-job.entity';
import { Member } from './member.entity';
import { MembershipRequest } from './membership-request.entity';
import { Person } from './person.entity';
import { PersonConsent } from './person-consent.entity';
import { SubGroup } from './sub-group.entity';
import { Target } from './target.entity';
import { Team } from './team.entity';

export const entities = [
  AdministrativeUnit,
  Team,
  SubGroup,
  Person,
  Member,
  MembershipRequest,
  ActivityPlan,
  PlanTheme,
  ProgrammeActivity,
  WorkAssignment,
  Target,
  ActivityReport,
  ActivityReportRevision,
  PeriodLock,
  UnitMonthTotal,
  UnitTeamCount,
  ImportJob,
  ImportUploadChunk,
  ImportIssue,
  PersonConsent,
  AccessCode,
  IdempotencyKey,
  AuditEntry,
  PersonalDataRead,
  Consent,
];
