import { AuditEntry } from '../../common/audit';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { Consent } from '../../common/consent';
import { ProcessingRestriction } from '../../common/restriction';
import { ConsumedEvent, OutboxEvent } from '../../common/outbox';
import { Lease } from '../../common/lease';
import { UnitRevision } from '../../common/unit-events';
import { IdempotencyKey } from '../../common/idempotency';
import { PartnerCredential } from './credential.entity';
import { Offer, OfferUnit } from './offer.entity';
import { Onboarding } from './onboarding.entity';
import { BranchContact, Partner, PartnerBranch, PartnerUnit, Platform } from './partner.entity';
import { RestrictedMember } from './restricted-member.entity';
import { Attendance, Training, TrainingInvitation } from './training.entity';
import { PartnerNotice, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entity';

export * from './enums';
export * from './webhook.entity';
export { Attendance, BranchContact, Offer, OfferUnit, Onboarding, Partner, PartnerBranch, PartnerCredential, PartnerUnit };
export { Platform, RestrictedMember, Training, TrainingInvitation };

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
  RestrictedMember,
  Onboarding,
  Offer,
  OfferUnit,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  PartnerNotice,
  AuditEntry,
  PersonalDataRead,
  Consent,
  ProcessingRestriction,
  OutboxEvent,
  ConsumedEvent,
  Lease,
  UnitRevision,
  IdempotencyKey,
];
