import { In, type EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { ERASED_NAME } from '../../common/consent';
import type { Context } from '../../common/context';
import { actOnRequest, DATA_SUBJECT_REQUEST_DONE, forgetConsentsOf, requestDueAt, sealCorrection, type DataSubjectRequestDoneV1, type PersonCorrection } from '../../common/data-subject';
import { conflict, forbidden, invalidInput, notFound } from '../../common/errors';
import { claimOnce, idempotentTransaction, once } from '../../common/idempotency';
import { recordEvent } from '../../common/outbox';
import { restrictedAmong } from '../../common/restriction';
import { recordMemberRestriction } from '../domain-events';
import {
  AccessCode,
  Member,
  MembershipRequest,
  MembershipRequestStatus,
  PersonalDataRequest,
  PersonalDataRequestKind,
  PersonalDataRequestStatus,
  Person,
} from '../entities';
import { unitByAnyCode } from '../loaders';
import { t } from '../../common/messages';

/**
 * A person's requests to correct, erase or restrict their data (Law 91/2025/QH15), and the
 * officers' queue. The request lives here, beside the units and their officers; once an officer
 * has done an erasure, teams anonymises its own records in the same transaction and every other
 * subgraph its own through the `personal-data-request.done` event (data-subject.ts).
 */

export interface NewPersonalDataRequest {
  kind: PersonalDataRequestKind;
  unitCode: string;
  details?: string | null;
  /** A correction: the values as the person says they should read. */
  correction?: PersonCorrection | null;
  idempotencyKey?: string | null;
}

/** The queue has no paging yet: the most urgent first, at most this many. */
export const QUEUE_LIMIT = 200;

function personOf(ctx: Context): string {
  const key = ctx.viewer.dataSubjectKey;
  if (!key) throw forbidden(t('refusals.confirmPhoneToRequest'));
  return key;
}

export async function submitPersonalDataRequest(ctx: Context, input: NewPersonalDataRequest): Promise<PersonalDataRequest> {
  const subjectKey = personOf(ctx);
  const details = input.details?.trim() || null;
  const corrected = correctedValues(input.correction);
  if (input.correction && input.kind !== PersonalDataRequestKind.CORRECTION) throw invalidInput('correction', t('problems.correctionOnlyForCorrection'));
  if (input.kind === PersonalDataRequestKind.CORRECTION && !details && !corrected) {
    throw invalidInput('details', t('problems.sayWhatToCorrect'));
  }
  const unit = await ctx.loaders.get(unitByAnyCode).load(input.unitCode);
  if (!unit) throw invalidInput('unitCode', t('problems.noSuchUnitCode'));
  const { idempotencyKey, ...fields } = input;
  return idempotentTransaction(ctx.db, (manager) =>
    claimOnce(
      manager,
      { scope: `requestPersonalDataAction:${ctx.viewer.subject}`, key: idempotencyKey, input: fields },
      async () => {
        // Whole seconds: the deadline column keeps no fractions, so both say the same instant on every database.
        const receivedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
        const request = await manager.save(
          manager.create(PersonalDataRequest, {
            kind: input.kind,
            status: PersonalDataRequestStatus.RECEIVED,
            subjectKey,
            unitPath: unit.path,
            unitCode: unit.code,
            details,
            correctedFullName: corrected?.fullName ?? null,
            correctedAddress: corrected?.address ?? null,
            receivedAt,
            dueAt: requestDueAt(receivedAt),
          }),
        );
        await audit(manager, ctx.viewer, { action: 'requestPersonalDataAction', entity: request, unitPath: unit.path, after: { kind: request.kind, status: request.status, unitCode: unit.code, dueAt: request.dueAt } });
        return request;
      },
      (id) => manager.findOneByOrFail(PersonalDataRequest, { id }),
    ),
  );
}

/** The person's own requests, newest first. */
export function requestsOfSubject(manager: EntityManager, subjectKey: string): Promise<PersonalDataRequest[]> {
  return manager.find(PersonalDataRequest, { where: { subjectKey }, order: { receivedAt: 'DESC' } });
}

/** The officers' queue of a unit: requests addressed to it or to units under it, the nearest deadline first. */
export async function personalDataRequestQueue(ctx: Context, unitCode: string, statuses: readonly PersonalDataRequestStatus[]): Promise<PersonalDataRequest[]> {
  const unit = await ctx.loaders.get(unitByAnyCode).load(unitCode);
  if (!unit) throw notFound('AdministrativeUnit', unitCode);
  ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.seeDataRequests', { unitName: unit.name });
  return ctx.db.manager
    .createQueryBuilder(PersonalDataRequest, 'request')
    .where('request.unitPath LIKE :prefix', { prefix: `${unit.path}%` })
    .andWhere('request.status IN (:...statuses)', { statuses: [...statuses] })
    .orderBy('request.dueAt', 'ASC')
    .addOrderBy('request.id', 'ASC')
    .take(QUEUE_LIMIT)
    .getMany();
}

export interface PersonalDataRequestOutcome {
  id: string;
  outcome: PersonalDataRequestStatus;
  reason: string;
  /** A correction done: the values to apply in every subgraph. */
  correction?: PersonCorrection | null;
}

/** Corrected values, trimmed, with only what is given; null when nothing is. */
function correctedValues(correction: PersonCorrection | null | undefined): PersonCorrection | null {
  const fullName = correction?.fullName?.trim() || null;
  const address = correction?.address?.trim() || null;
  if (!fullName && !address) return null;
  return { ...(fullName ? { fullName } : {}), ...(address ? { address } : {}) };
}

/** The corrected values, trimmed, or null when none is given; refused on anything but a correction done. */
function correctionOf(request: PersonalDataRequest, outcome: PersonalDataRequestStatus, correction: PersonCorrection | null | undefined): PersonCorrection | null {
  if (!correction) return null;
  if (outcome !== PersonalDataRequestStatus.DONE || request.kind !== PersonalDataRequestKind.CORRECTION) {
    throw invalidInput('correction', t('problems.correctionOnlyWhenCorrecting'));
  }
  const values = correctedValues(correction);
  if (!values) throw invalidInput('correction', t('problems.correctionNeedsValues'));
  return values;
}

/**
 * An officer over the request's unit records the outcome, once: a conditional update takes the
 * request, so two officers at once (or a retry without its key) act once and the second is told it
 * was handled; a retry with its key is answered with the handled request.
 * An erasure, a restriction or its lifting, or a correction with its values, done is applied to
 * teams' records and announced to every subgraph in the same transaction.
 */
export async function handlePersonalDataRequest(ctx: Context, { id, outcome, reason, correction: given }: PersonalDataRequestOutcome, idempotencyKey?: string | null): Promise<PersonalDataRequest> {
  if (outcome === PersonalDataRequestStatus.RECEIVED) throw invalidInput('outcome', t('problems.doneOrRefused'));
  const found = await ctx.db.manager.findOneBy(PersonalDataRequest, { id });
  if (!found) throw notFound('PersonalDataRequest', id);
  ctx.viewer.insist(ctx.viewer.oversees(found.unitPath), 'actions.handleDataRequests');
  const correction = correctionOf(found, outcome, given);
  return once(
    ctx.db,
    // The key's row keeps a hash of the request, never the corrected values themselves.
    { scope: `handlePersonalDataRequest:${ctx.viewer.subject}`, key: idempotencyKey, input: { id, outcome, reason, correction: given ?? null } },
    async (manager) => {
      // The values the person gave have served their purpose (the officer applied them, or refused): they go.
      const handled = { status: outcome, handledBy: ctx.viewer.subject, handledAt: new Date(), outcomeReason: reason.trim(), correctedFullName: null, correctedAddress: null };
      const { affected } = await manager.update(PersonalDataRequest, { id, status: PersonalDataRequestStatus.RECEIVED }, handled);
      if (!affected) throw conflict(t('conflicts.dataRequestHandled'));
      const request = await manager.findOneByOrFail(PersonalDataRequest, { id });
      // A request still waiting has its person's key: only retention unlinks one, long after it was handled.
      const subjectKey = request.subjectKey!;
      // A correction without values was done by hand in the usual forms: nothing for the subgraphs to apply.
      if (outcome === PersonalDataRequestStatus.DONE && (request.kind !== PersonalDataRequestKind.CORRECTION || correction)) {
        const payload: DataSubjectRequestDoneV1 = {
          requestId: request.id,
          kind: request.kind,
          subjectKey,
          ...(correction ? { correction: sealCorrection(correction) } : {}),
        };
        const restriction = await restrictionChangeOf(manager, request.kind, subjectKey);
        await actOnRequest(manager, payload, {
          erase: (subjectKey) => eraseTeamsRecordsOf(manager, subjectKey),
          correct: (subjectKey, values) => correctTeamsRecordsOf(manager, subjectKey, values),
        });
        await recordEvent(manager, { type: DATA_SUBJECT_REQUEST_DONE, version: 1, subject: request.id, payload, scope: { unitPath: request.unitPath } });
        if (restriction) await recordMemberRestriction(manager, request, restriction.restricted, restriction.memberIds);
      }
      await audit(manager, ctx.viewer, {
        action: 'handlePersonalDataRequest',
        entity: request,
        unitPath: request.unitPath,
        before: { status: found.status },
        after: { kind: request.kind, status: request.status },
      });
      return request;
    },
    (manager, handledId) => manager.findOneByOrFail(PersonalDataRequest, { id: handledId }),
  );
}

/**
 * Whether the request restricts the person's memberships or ends their restriction (a lifting, or an
 * erasure of a person restricted), and which: read before an erasure takes the phone hash that finds them.
 */
async function restrictionChangeOf(manager: EntityManager, kind: PersonalDataRequestKind, subjectKey: string): Promise<{ restricted: boolean; memberIds: string[] } | null> {
  if (kind === PersonalDataRequestKind.CORRECTION) return null;
  if (kind === PersonalDataRequestKind.ERASURE && !(await restrictedAmong(manager, [subjectKey])).has(subjectKey)) return null;
  const people = await manager.findBy(Person, { phoneHash: subjectKey });
  const members = people.length ? await manager.findBy(Member, { personId: In(people.map((person) => person.id)) }) : [];
  return { restricted: kind === PersonalDataRequestKind.RESTRICTION, memberIds: members.map((member) => member.id) };
}

/**
 * Teams' part of a correction: the person's member records and requests to join (found by their
 * phone's keyed hash) take the corrected name and address; an erased record stays erased.
 */
export async function correctTeamsRecordsOf(manager: EntityManager, subjectKey: string, { fullName, address }: PersonCorrection): Promise<number> {
  const people = await manager.findBy(Person, { phoneHash: subjectKey });
  for (const person of people) {
    await manager.save(Object.assign(person, fullName ? { fullName } : {}, address ? { address } : {}));
  }
  const requests = (await manager.findBy(MembershipRequest, { applicantPhoneHash: subjectKey })).filter((request) => request.applicantName !== ERASED_NAME);
  for (const request of requests) {
    await manager.save(Object.assign(request, fullName ? { applicantName: fullName } : {}, address ? { applicantAddress: address } : {}));
  }
  return people.length + requests.length;
}

/**
 * Teams' part of an erasure: the person's memberships and requests stay (the team's figures and the
 * commune's decisions) but name no one: "Đã xoá theo yêu cầu" for the name, no phone, address or
 * birth year; a request to join still open is withdrawn; their codes go; their consents lose their key.
 */
export async function eraseTeamsRecordsOf(manager: EntityManager, subjectKey: string): Promise<number> {
  const consents = await forgetConsentsOf(manager, subjectKey);
  const consented = consents.filter((consent) => consent.recordType === MembershipRequest.name).map((consent) => consent.recordId);
  const requests = await manager.find(MembershipRequest, { where: [{ applicantPhoneHash: subjectKey }, ...(consented.length ? [{ id: In(consented) }] : [])] });
  for (const request of requests) {
    const open = request.status === MembershipRequestStatus.PENDING || request.status === MembershipRequestStatus.RECOMMENDED;
    await manager.save(
      Object.assign(request, {
        applicantName: request.applicantName === null ? null : ERASED_NAME,
        applicantPhone: null,
        applicantAddress: null,
        ...(open ? { status: MembershipRequestStatus.WITHDRAWN, decidedAt: new Date() } : {}),
      }),
    );
  }
  const people = await manager.findBy(Person, { phoneHash: subjectKey });
  for (const person of people) {
    await manager.save(Object.assign(person, { fullName: ERASED_NAME, phone: null, address: null, birthYear: null }));
  }
  await manager.delete(AccessCode, { subjectKey });
  // Corrections the person asked for and not yet handled hold their name and address too.
  await manager.update(PersonalDataRequest, { subjectKey }, { correctedFullName: null, correctedAddress: null });
  return requests.length + people.length;
}
