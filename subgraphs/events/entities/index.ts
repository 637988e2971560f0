import { AuditEntry } from '../../common/audit';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { Consent } from '../../common/consent';
import { ProcessingRestriction } from '../../common/restriction';
import { ConsumedEvent, OutboxEvent } from '../../common/outbox';
import { Lease } from '../../common/lease';
import { UnitRevision } from '../../common/unit-events';
import { ReminderSent } from '../../common/reminders/entities';
import { IdempotencyKey } from '../../common/idempotency';
import { Contest, ContestEntry, ContestPrize, EventTally } from './contest.entity';
import { Event, EventOrganiser, EventTeam } from './event.entity';
import { Stall, StallApplication, StallCategory } from './stall.entity';

export * from './enums';
export { Contest, ContestEntry, ContestPrize, Event, EventOrganiser, EventTally, EventTeam, Stall, StallApplication, StallCategory };

export const entities = [
  Event,
  EventTeam,
  EventOrganiser,
  StallCategory,
  Stall,
  StallApplication,
  Contest,
  ContestPrize,
  ContestEntry,
  EventTally,
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
