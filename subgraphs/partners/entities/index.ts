import { AuditEntry } from '../../common/audit';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { Consent } from '../../common/consent';
import { JobLease } from '../../common/retention';
import { IdempotencyKey } from '../../common/idempotency';
import { PartnerCredential } from './credential.entity';
import { Offer, OfferUnit } from './offer.entity';
import { Onboarding } from './onboarding.entity';
import { BranchContact, Partner, PartnerBranch, PartnerUnit, Platform } from './partner.entity';
import { Attendance, Training, TrainingInvitation } from './training.entity';

export * from './enums';
export { Attendance, BranchContact, Offer, OfferUnit, Onboarding, Partner, PartnerBranch, PartnerCredential, PartnerUnit };
export { Platform, Training, TrainingInvitation };

export const entities = [
  Partner,
  Platform,
  PartnerBranch,
  BranchContact,
  PartnerUnit,
  PartnerCredential,
  Training,
  TrainingInvitation,
  Attendance,
  Onboarding,
  Offer,
  OfferUnit,
  AuditEntry,
  PersonalDataRead,
  Consent,
  JobLease,
  IdempotencyKey,
];
