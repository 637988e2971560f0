export { AccessCode } from './access-code.entity';
export { AnnouncedReminderRow, ReminderPreference } from './reminder-preference.entity';
export { ActivityPlan, PlanTheme, ProgrammeActivity, WorkAssignment } from './activity-plan.entity';
export { ActivityReport, ActivityReportRevision, PeriodLock, TeamMonthLock, UnitMonthTotal, UnitTeamCount } from './activity-report.entity';
export { AdministrativeUnit, provinceOf } from './administrative-unit.entity';
export * from './enums';
export * from './indicators';
export { ImportIssue, ImportIssueKind, ImportJob, ImportJobStatus, ImportUploadChunk } from './import-job.entity';
export { Member } from './member.entity';
export { MembershipRequest } from './membership-request.entity';
export { Person } from './person.entity';
export { PersonalDataRequest, PersonalDataRequestKind, PersonalDataRequestStatus } from './personal-data-request.entity';
export { EmulationCampaign, Nomination, NominationDecision, NomineeKind, PERSONAL_NOMINEES, ProposalDecision, ProposalStatus, RewardProposal } from './recognition.entity';
export { ConsentChannel, LawfulBasis, PersonConsent } from './person-consent.entity';
export { SubGroup } from './sub-group.entity';
export { Team } from './team.entity';
export { Target, teamScope, unitScope } from './target.entity';
export { UnitAlias, UnitSuccession } from './unit-alias.entity';

import { AuditEntry } from '../../common/audit';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { Consent } from '../../common/consent';
import { ProcessingRestriction } from '../../common/restriction';
import { ConsumedEvent, OutboxEvent } from '../../common/outbox';
import { Lease } from '../../common/lease';
import { UnitRevision } from '../../common/unit-events';
import { IdempotencyKey } from '../../common/idempotency';
import { AccessCode } from './access-code.entity';
import { AnnouncedReminderRow, ReminderPreference } from './reminder-preference.entity';
import { ReminderSent } from '../../common/reminders/entities';
import { ActivityPlan, PlanTheme, ProgrammeActivity, WorkAssignment } from './activity-plan.entity';
import { ActivityReport, ActivityReportRevision, PeriodLock, TeamMonthLock, UnitMonthTotal, UnitTeamCount } from './activity-report.entity';
import { AdministrativeUnit } from './administrative-unit.entity';
import { ImportIssue, ImportJob, ImportUploadChunk } from './import-job.entity';
import { Member } from './member.entity';
import { MembershipRequest } from './membership-request.entity';
import { Person } from './person.entity';
import { PersonalDataRequest } from './personal-data-request.entity';
import { PersonConsent } from './person-consent.entity';
import { EmulationCampaign, Nomination, RewardProposal } from './recognition.entity';
import { SubGroup } from './sub-group.entity';
import { Target } from './target.entity';
import { Team } from './team.entity';
import { UnitAlias } from './unit-alias.entity';

export const entities = [
  AdministrativeUnit,
  UnitAlias,
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
  TeamMonthLock,
  UnitMonthTotal,
  UnitTeamCount,
  ImportJob,
  ImportUploadChunk,
  ImportIssue,
  EmulationCampaign,
  Nomination,
  RewardProposal,
  PersonConsent,
  AccessCode,
  PersonalDataRequest,
  ReminderPreference,
  AnnouncedReminderRow,
  ReminderSent,
  IdempotencyKey,
  AuditEntry,
  PersonalDataRead,
  Consent,
  ProcessingRestriction,
  OutboxEvent,
  ConsumedEvent,
  Lease,
  UnitRevision,
];
