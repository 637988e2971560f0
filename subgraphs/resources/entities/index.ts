import { AuditEntry } from '../../common/audit';
import { Consent } from '../../common/consent';
import { IdempotencyKey } from '../../common/idempotency';
import { Allocation, Expense } from './allocation.entity';
import { Pledge, PledgeInstalment } from './pledge.entity';
import { BudgetLine, Programme, SponsorshipPackage } from './programme.entity';
import { Gift, Receipt, ReceiptCounter } from './receipt.entity';
import { Sponsor, SponsorContact, SponsorInteraction } from './sponsor.entity';
import { Volunteer, VolunteerShift } from './volunteer.entity';

export * from './enums';
export { Allocation, BudgetLine, Expense, Gift, Pledge, PledgeInstalment, Programme, Receipt, ReceiptCounter, Sponsor, SponsorContact };
export { SponsorInteraction, SponsorshipPackage, Volunteer, VolunteerShift };

export const entities = [
  Sponsor,
  SponsorContact,
  SponsorInteraction,
  Programme,
  BudgetLine,
  SponsorshipPackage,
  Pledge,
  PledgeInstalment,
  ReceiptCounter,
  Receipt,
  Gift,
  Allocation,
  Expense,
  Volunteer,
  VolunteerShift,
  AuditEntry,
  Consent,
  IdempotencyKey,
];
