import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Context } from './context';
import type { Database } from './database';
import { keyRing, phoneHash } from './personal-data';
import { forbidden } from './errors';
import type { ReferenceResolvers } from './schema';
import { IsNull, Like, type EntityManager } from 'typeorm';
import { DATA_SUBJECT_PREFIX } from './auth';
import { IdempotencyKey } from './idempotency';
import { THE_PERSON } from './audit';
import { Consent } from './consent';
import { onEvent, type EventConsumer } from './outbox';
import { DEFAULT_REQUEST_DEADLINE_HOURS } from './config';
import { liftRestriction, restrictProcessing } from './restriction';
import { t } from './messages';

/**
 * The person a report of personal data is about (Law 91/2025/QH15: the right to access). The teams
 * subgraph answers `personalDataReport` with the DataSubject of the caller; every subgraph adds the
 * fields for the data it holds, so the gateway assembles one report and each subgraph answers only
 * for its own data and only for that person.
 */

/**
 * The key a person is found by: the keyed hash of their phone (personal-data.ts), the same value the
 * records' phone-hash columns hold, so a report finds them by index and never by the plain phone.
 */
export function subjectKeyOf(phone: string): string {
  return phoneHash(phone)!;
}

/** Each subgraph makes its own class: type-graphql hangs field resolvers on the class (see references.ts). */
export function dataSubjectType() {
  @ObjectType('DataSubject', { description: 'Everything the hub holds about one person, each subgraph adding its own part' })
  @Directive('@key(fields: "key")')
  class DataSubject {
    @Field(() => ID, { description: 'Who it is about: a keyed hash of their phone, never the phone itself' })
    key: string;
  }
  const referenceResolvers: ReferenceResolvers = { DataSubject: { __resolveReference: (reference: object) => reference } };
  return { DataSubject, referenceResolvers };
}

/** Only the person themselves reads their report: a subgraph never answers for anyone else. */
export function insistDataSubject(ctx: Context, subject: { key: string }): void {
  ctx.viewer.requireSignedIn();
  if (ctx.viewer.dataSubjectKey !== subject.key) throw forbidden(t('refusals.ownDataOnly'));
}

/** How long officers have to handle a request (PERSONAL_DATA_REQUEST_DEADLINE_HOURS; see config.ts). */
let requestDeadlineHours = DEFAULT_REQUEST_DEADLINE_HOURS;

/** The deadline from the configuration (server.ts, at start). */
export function useRequestDeadline(hours: number): void {
  requestDeadlineHours = hours;
}

/** When a request received at `receivedAt` must be handled by. */
export function requestDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + requestDeadlineHours * 3_600_000);
}

/** An officer decided that a person's data is erased, or its processing restricted or the restriction lifted: every subgraph acts on its own records (teams acts on its own in the decision's transaction). */
export const DATA_SUBJECT_REQUEST_DONE = 'personal-data-request.done';

/** `personal-data-request.done` v1. */
export interface DataSubjectRequestDoneV1 {
  requestId: string;
  /** ERASURE, RESTRICTION, LIFT_RESTRICTION, or CORRECTION (with `correction`). */
  kind: 'ERASURE' | 'RESTRICTION' | 'LIFT_RESTRICTION' | 'CORRECTION';
  /** A correction's values (PersonCorrection as JSON), sealed with the personal-data keys: the outbox and the bus never hold them in the clear. */
  correction?: string;
  /**
   * Whose records: subjectKeyOf their phone, the key each subgraph's consents and phone hashes hold.
   * A keyed hash, never the phone; the only way a subgraph can find the person's rows without
   * reading another's tables. The event type is not offered to webhooks.
   */
  subjectKey: string;
}

/** What a subgraph does with its own records of a person whose data is to be erased, in the consumer's transaction; returns how many records it touched. */
export type SubjectEraser = (manager: EntityManager, subjectKey: string, db: Database) => Promise<number>;

/** The corrected values an officer accepted (either may be left out). */
export interface PersonCorrection {
  fullName?: string | null;
  address?: string | null;
}

/** What a subgraph does with its own records of a person whose data is corrected; returns how many records it touched. */
export type SubjectCorrector = (manager: EntityManager, subjectKey: string, correction: PersonCorrection) => Promise<number>;

/** A correction sealed for the event (see DataSubjectRequestDoneV1.correction). */
export function sealCorrection(correction: PersonCorrection): string {
  return keyRing().seal(JSON.stringify(correction));
}

function openCorrection(sealed: string | undefined): PersonCorrection {
  return sealed ? (JSON.parse(keyRing().open(sealed)) as PersonCorrection) : {};
}

/**
 * A subgraph's consumer of `personal-data-request.done`: erasure, restriction or its lifting, once
 * per event (outbox.ts: the consumed_event row makes a redelivery harmless; erasers also pick only
 * rows still holding the data).
 */
export function eraseOnRequest(subgraph: string, erase: SubjectEraser, correct: SubjectCorrector = async () => 0): EventConsumer {
  return onEvent(`${subgraph}-data-subject-requests`, [DATA_SUBJECT_REQUEST_DONE], async (event, manager, db) => {
    await actOnRequest(manager, event.payload as DataSubjectRequestDoneV1, {
      erase: (subjectKey) => erase(manager, subjectKey, db),
      correct: (subjectKey, correction) => correct(manager, subjectKey, correction),
    });
  });
}

/** What every subgraph does with a request done (teams in the decision's transaction, the others on the event). */
export async function actOnRequest(
  manager: EntityManager,
  { kind, subjectKey, requestId, correction }: DataSubjectRequestDoneV1,
  own: { erase: (subjectKey: string) => Promise<number>; correct: (subjectKey: string, correction: PersonCorrection) => Promise<number> },
): Promise<void> {
  if (kind === 'CORRECTION') return void (await own.correct(subjectKey, openCorrection(correction)));
  if (kind === 'RESTRICTION') return restrictProcessing(manager, subjectKey, requestId);
  // An erasure takes the restriction's row with it: the key must not stay behind.
  await liftRestriction(manager, subjectKey);
  if (kind === 'ERASURE') {
    await forgetRetryKeysOf(manager, subjectKey);
    await own.erase(subjectKey);
  }
}

/**
 * The records of the retry keys the person sent themselves (consent withdrawals, requests) name them:
 * a key is claimed per caller, and their token's subject is `data-subject:<key>`. An erasure takes them.
 * The scope ends with the subject, which no index serves: a scan, on an erasure only.
 */
async function forgetRetryKeysOf(manager: EntityManager, subjectKey: string): Promise<void> {
  await manager.delete(IdempotencyKey, { scope: Like(`%:${DATA_SUBJECT_PREFIX}${subjectKey}`) });
}

/**
 * The part every subgraph's erasure shares: its consents of the person lose the person's key (the
 * consent row stays, withdrawn, as proof of what was allowed until then) so nothing there leads
 * back to them. Returns the records (type, id) the consents were about, to anonymise.
 */
export async function forgetConsentsOf(manager: EntityManager, subjectKey: string): Promise<Consent[]> {
  const consents = await manager.findBy(Consent, { subjectKey });
  if (consents.length === 0) return [];
  await manager.update(Consent, { subjectKey, withdrawnAt: IsNull() }, { withdrawnAt: new Date(), withdrawnBy: THE_PERSON });
  await manager.update(Consent, { subjectKey }, { subjectKey: null });
  return consents;
}

/** The ids of the records of `recordType` the person's consents were about. */
export function recordsOf(consents: readonly Consent[], recordType: Function): string[] {
  return consents.filter((consent) => consent.recordType === recordType.name).map((consent) => consent.recordId);
}
