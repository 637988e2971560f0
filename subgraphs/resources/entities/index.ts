import { AuditEntry } from '../../common/audit';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { Consent } from '../../common/consent';
import { ProcessingRestriction } from '../../common/restriction';
import { ConsumedEvent, OutboxEvent } from '../../common/outbox';
import { Lease } from '../../common/lease';
import { UnitRevision } from '../../common/unit-events';
import { ReminderSent } from '../../common/reminders/entities';
import { IdempotencyKey } from '../../common/idempotency';
import { Allocation, AllocationCode, Expense } from './allocation.entity';
import { Pledge, PledgeInstalment } from './pledge.entity';
import { BudgetLine, BudgetRevision, Programme, RevisedBudgetLine, SponsorshipPackage } from './programme.entity';
import { Gift, Receipt, ReceiptCounter } from './receipt.entity';
import { Sponsor, SponsorContact, SponsorInteraction } from './sponsor.entity';
import { TeamFundRules } from './team-fund.entity';
import { PlannedShift, ShiftSignup, Volunteer, VolunteerShift } from './volunteer.entity';

export * from './enums';
export { Allocation, BudgetLine, Expense, Gift, Pledge, PledgeInstalment, Programme, Receipt, ReceiptCounter, Sponsor, SponsorContact };
export { AllocationCode, BudgetRevision, RevisedBudgetLine, PlannedShift, ShiftSignup, SponsorInteraction, SponsorshipPackage, TeamFundRules, Volunteer, VolunteerShift };

export const entities = [
  Sponsor,
  SponsorContact,
  SponsorInteraction,
  Programme,
  BudgetLine,
  BudgetRevision,
  SponsorshipPackage,
  Pledge,
  PledgeInstalment,
  ReceiptCounter,
  Receipt,
  Gift,
  Allocation,
  AllocationCode,
  Expense,
  TeamFundRules,
  Volunteer,
  VolunteerShift,
  PlannedShift,
  ShiftSignup,
  AuditEntry,
  PersonalDataRead,
  Consent,
  ProcessingRestriction,
  OutboxEvent,
  ConsumedEvent,
  Lease,
  UnitRevision,
  ReminderSent,
  IdempotencyKey,
];
