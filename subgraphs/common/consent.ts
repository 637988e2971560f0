import { LocalDateResolver } from 'graphql-scalars';
import { IsOptional, Matches } from 'class-validator';
import { Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, In, IsNull, Not, type EntityManager } from 'typeorm';
import { audit, THE_PERSON } from './audit';
import type { Viewer } from './auth';
import type { Context } from './context';
import { todayInVietnam } from './dates';
import { IdentifiedEntity } from './entity';
import { checkedKey, once } from './idempotency';
import { conflict, forbidden, invalidInput } from './errors';
import { DATE_RANGES } from './dates';
import { subjectKeyOf } from './data-subject';
import { rowsOf } from './loaders';
import { DateWithin, IsVietnamesePhone } from './validation';
import { t } from './messages';

/**
 * Consent (Law 91/2025/QH15 on Personal Data Protection, Decree 356/2025/NĐ-CP): wherever the hub
 * collects a resident's data, the record carries the consent the person gave, for one purpose,
 * under one version of the notice they were shown, when and how. Each subgraph keeps its own
 * `consent` table (it owns the records the consents are about); this kit gives all of them the same shape.
 */

/** How the person was told and answered. */
export enum ConsentChannel {
  /** The person filled in the hub's form themselves (the web app). */
  ONLINE_FORM = 'ONLINE_FORM',
  /** A signed paper form, entered by an officer, a team leader or an organiser. */
  PAPER_FORM = 'PAPER_FORM',
  /** Said yes in a Zalo conversation, kept by whoever entered it. */
  ZALO = 'ZALO',
  /** Said yes in person to whoever entered it. */
  IN_PERSON = 'IN_PERSON',
}
registerEnumType(ConsentChannel, {
  name: 'ConsentChannel',
  description: 'How a person gave their consent',
  valuesConfig: {
    ONLINE_FORM: { description: 'Biểu mẫu trực tuyến' },
    PAPER_FORM: { description: 'Phiếu giấy (cán bộ nhập lại)' },
    ZALO: { description: 'Qua Zalo' },
    IN_PERSON: { description: 'Trực tiếp' },
  },
});

/** What the data is collected for: one purpose per kind of record, as the notice names it. */
export enum ConsentPurpose {
  /** teams: a resident's application to join a team. */
  TEAM_MEMBERSHIP = 'TEAM_MEMBERSHIP',
  /** partners: a household onboarded onto a partner's platform, and its follow-up. */
  PLATFORM_ONBOARDING = 'PLATFORM_ONBOARDING',
  /** events: a stall application and the organisers' contacts about it. */
  STALL_APPLICATION = 'STALL_APPLICATION',
  /** events: a contest entry, and showing the entrant's name with the results. */
  CONTEST_ENTRY = 'CONTEST_ENTRY',
  /** resources: a household receiving a gift, for the programme's accounts. */
  GIFT_DELIVERY = 'GIFT_DELIVERY',
  /** teams: a member or resident named on the public honour roll with their reward. */
  HONOUR_ROLL = 'HONOUR_ROLL',
  /** resources: a volunteer registered with a unit, and the managers' contacts about their shifts. */
  VOLUNTEERING = 'VOLUNTEERING',
}
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What a resident’s data is collected for',
  valuesConfig: {
    TEAM_MEMBERSHIP: { description: 'A resident’s application to join a team' },
    PLATFORM_ONBOARDING: { description: 'A household onboarded onto a partner’s platform, and its follow-up' },
    STALL_APPLICATION: { description: 'A stall application and the organisers’ contacts about it' },
    CONTEST_ENTRY: { description: 'A contest entry, and showing the entrant’s name with the results' },
    GIFT_DELIVERY: { description: 'A household receiving a gift, for the programme’s accounts' },
    HONOUR_ROLL: { description: 'A member or resident named on the public honour roll with their reward' },
    VOLUNTEERING: { description: 'A volunteer registered with a unit, and the managers’ contacts about their shifts' },
  },
});

/** In Vietnamese, for the person and the officers (the web app, the docs). */
export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  TEAM_MEMBERSHIP: 'Đăng ký tham gia Tổ công nghệ số cộng đồng',
  PLATFORM_ONBOARDING: 'Hỗ trợ hộ gia đình sử dụng nền tảng của doanh nghiệp',
  STALL_APPLICATION: 'Đăng ký gian hàng tại ngày hội chuyển đổi số',
  CONTEST_ENTRY: 'Tham gia cuộc thi tại ngày hội và công bố kết quả',
  GIFT_DELIVERY: 'Nhận quà tặng từ chương trình vận động nguồn lực',
  HONOUR_ROLL: 'Công bố tên trên bảng vinh danh khi được khen thưởng',
  VOLUNTEERING: 'Đăng ký làm tình nguyện viên và liên hệ về các ca tình nguyện',
};

/** How every input that carries a resident's data describes its `consent` field. */
export const CONSENT_REQUIRED = 'The consent the person gave (required: the write is refused without it)';

/** The consent a write carries: required wherever the hub takes a resident's data. */
@InputType({ description: 'The consent the person gave for this purpose' })
export class ResidentConsentInput {
  @Field({ description: 'The version of the notice the person was shown, e.g. 2026-01' })
  @Matches(/^\d{4}-\d{2}(-[a-z0-9]{1,12})?$/, { message: () => t('checks.yearMonth') })
  noticeVersion: string;

  @Field(() => ConsentChannel, { description: 'How the person gave their consent' })
  channel: ConsentChannel;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the person agreed (the date on a paper form); today when left out' })
  @IsOptional()
  @DateWithin(DATE_RANGES.happened)
  givenOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a record without a phone of its own (a gift, a contest entry): the person’s phone, so they can see, correct or erase it later',
  })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;
}

/** One consent to one record; withdrawn consents stay (they prove what was allowed when). */
@ObjectType({ description: 'A consent given by a resident for one purpose' })
@Directive('@shareable') // every subgraph keeps its own consents of this same shape
@Entity('consent')
@Index('UQ_consent_record', ['recordType', 'recordId', 'purpose'], { unique: true })
export class Consent extends IdentifiedEntity {
  @Field(() => ConsentPurpose, { description: 'What the data is collected for' })
  @Column({ type: 'varchar', length: 24 })
  purpose: ConsentPurpose;

  /** The record holding the data: its entity name and id (`StallApplication`, …). */
  @Column({ type: 'varchar', length: 40 })
  recordType: string;

  @Column({ type: 'varchar', length: 36 })
  recordId: string;

  /** Whose data the record holds (subjectKeyOf their phone): how their report and erasure find it. */
  @Index('IDX_consent_subject')
  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectKey: string | null;

  @Field({ description: 'The version of the privacy notice the person was shown, e.g. 2026-01' })
  @Column({ type: 'varchar', length: 40 })
  noticeVersion: string;

  @Field(() => ConsentChannel, { description: 'How the person gave their consent' })
  @Column({ type: 'varchar', length: 16 })
  channel: ConsentChannel;

  @Field(() => LocalDateResolver, { description: 'When the person agreed' })
  @Column({ type: 'date' })
  givenOn: string;

  /** Token subject of who entered it; null when the person did, without signing in. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Field({ description: 'When the consent was recorded in the hub' })
  @CreateDateColumn()
  recordedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn: processing that relied on it stopped then' })
  @Column({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  withdrawnBy: string | null;
}

/** The consent a write must carry; refuses the whole write, naming the field, when it is missing. */
export function requireConsent(consent: ResidentConsentInput | null | undefined, field = 'consent'): ResidentConsentInput {
  if (!consent) throw invalidInput(field, t('problems.consentMissing'));
  return consent;
}

/** Records a consent for a record just written, in the same transaction. */
export async function recordConsent(
  manager: EntityManager,
  viewer: Viewer,
  record: { constructor: Function; id: string },
  purpose: ConsentPurpose,
  consent: ResidentConsentInput,
  /** The record's own phone, if it has one (else the consent's). */
  phone?: string | null,
): Promise<Consent> {
  const reachable = phone ?? consent.phone;
  return manager.save(
    manager.create(Consent, {
      purpose,
      recordType: record.constructor.name,
      recordId: record.id,
      subjectKey: reachable ? subjectKeyOf(reachable) : null,
      noticeVersion: consent.noticeVersion,
      channel: consent.channel,
      givenOn: consent.givenOn ?? todayInVietnam(),
      recordedBy: viewer.subject,
      withdrawnAt: null,
      withdrawnBy: null,
    }),
  );
}

/** The consents of some records of one type (a batch read, for reports and checks). */
export function consentsOf(manager: EntityManager, recordType: string, recordIds: readonly string[]): Promise<Consent[]> {
  if (recordIds.length === 0) return Promise.resolve([]);
  return manager.findBy(Consent, { recordType, recordId: In([...recordIds]) });
}

/** Per request: the consents given with each record, by the record's id (one query for a whole list). */
export const consentsOfRecord = rowsOf(Consent, 'recordId');

/** Whether a record's consent for `purpose` was given and still holds. */
export function consentHolds(consents: readonly Consent[], purpose: ConsentPurpose): boolean {
  return consents.some((consent) => consent.purpose === purpose && consent.withdrawnAt === null);
}

/** The consents a person gave for records of one type (found by subjectKeyOf their phone): how their report finds records without a phone. */
export function consentsOfSubject(manager: EntityManager, subjectKey: string, recordType: string): Promise<Consent[]> {
  return manager.findBy(Consent, { subjectKey, recordType });
}

/** What a record the accounts must keep shows instead of a person's name once it is withdrawn or erased. */
export const ERASED_NAME = 'Đã xoá theo yêu cầu';

/** What withdrawing a consent needs to know about the record it covers. */
export interface ConsentedRecord {
  /** The record (its entity class and id), as the consent names it. */
  record: { constructor: Function; id: string };
  /** The unit the record sits under: officers over it may withdraw on the person's behalf. */
  unitPath: string;
  /** The mutation's name, for the audit trail. */
  action: string;
  /** Stops the processing that relied on the consent, in the same transaction (the record under its lock). */
  stop: (manager: EntityManager) => Promise<void>;
  /** The subgraph knows the caller is the person the record is about (a member signed in with their own membership), beside the phone the consent was given with. */
  callerIsThePerson?: boolean;
  /** A retry with the same key answers the consent as first withdrawn instead of refusing it as withdrawn already. */
  idempotencyKey?: string | null;
}

/**
 * Withdraws the consent given with a record (Law 91/2025/QH15: the person may withdraw it at any
 * time; processing that relied on it stops, what was done before stays lawful). The person
 * themselves (a one-time code to the phone the consent was given with) or an officer over the
 * record's unit on their behalf (a request on paper, at the commune). Once only: a conditional
 * update takes it, so two withdrawals at once (two tabs, two replicas) stop the processing once.
 * The consent row stays, with when and by whom, as proof of what was allowed until then.
 */
export async function withdrawConsentOf(ctx: Context, { record, unitPath, action, stop, callerIsThePerson = false, idempotencyKey }: ConsentedRecord): Promise<Consent> {
  const recordType = record.constructor.name;
  const consent = await ctx.db.manager.findOneBy(Consent, { recordType, recordId: record.id });
  const viewer = ctx.viewer;
  const isThePerson = callerIsThePerson || (consent !== null && consent.subjectKey !== null && viewer.dataSubjectKey === consent.subjectKey);
  if (!isThePerson && !viewer.oversees(unitPath)) {
    throw forbidden(t('refusals.withdrawConsent'));
  }
  if (!consent) throw conflict(t('conflicts.noConsent'), { recordType });
  return once(
    ctx.db,
    { scope: `${action}:${viewer.subject ?? viewer.dataSubjectKey}`, key: checkedKey(idempotencyKey), input: { recordType, recordId: record.id } },
    async (manager) => {
      const withdrawnBy = isThePerson ? THE_PERSON : viewer.subject;
      const { affected } = await manager.update(Consent, { id: consent.id, withdrawnAt: IsNull() }, { withdrawnAt: new Date(), withdrawnBy });
      if (!affected) throw conflict(t('conflicts.consentWithdrawn'));
      await stop(manager);
      await audit(manager, viewer, { action, entity: record, unitPath, after: { purpose: consent.purpose, consentWithdrawn: true } });
      return manager.findOneByOrFail(Consent, { id: consent.id });
    },
    (manager, id) => manager.findOneByOrFail(Consent, { id }),
  );
}

/** What giving a consent after the record was written needs to know (see ConsentedRecord). */
export interface ConsentGivenLater extends Omit<ConsentedRecord, 'stop'> {
  purpose: ConsentPurpose;
  consent: ResidentConsentInput;
  /** The record's own phone, if it has one (a member's): the consent is found and withdrawn by it. */
  phone?: string | null;
}

/**
 * A consent given after the record was written (the person agrees later to what they were not
 * asked, or had withdrawn): the person themselves — the subgraph knows them, or they proved with a
 * one-time code the phone an earlier, withdrawn consent was given with — on the hub's form today, or
 * an officer over the record's unit entering their paper or Zalo answer. Once: the first consent of a
 * record meets the others at the consent's unique index, a withdrawn one is given again by a
 * conditional update, so two at once record one; while one holds, another is a CONFLICT.
 */
export async function giveConsentLater(
  ctx: Context,
  { record, unitPath, action, purpose, consent, phone, callerIsThePerson = false, idempotencyKey }: ConsentGivenLater,
): Promise<Consent> {
  const recordType = record.constructor.name;
  const viewer = ctx.viewer;
  return once(
    ctx.db,
    { scope: `${action}:${viewer.subject ?? viewer.dataSubjectKey}`, key: checkedKey(idempotencyKey), input: { recordType, recordId: record.id, consent } },
    async (manager) => {
      const earlier = await manager.findOneBy(Consent, { recordType, recordId: record.id, purpose });
      const isThePerson = callerIsThePerson || (earlier?.subjectKey != null && viewer.dataSubjectKey === earlier.subjectKey);
      if (!isThePerson && !viewer.oversees(unitPath)) throw forbidden(t('refusals.giveConsent'));
      if (earlier && earlier.withdrawnAt === null) throw conflict(t('conflicts.consentHolds'), { recordType });
      // The person answers on the hub's own form, today; an officer enters the answer as it was given.
      const given: ResidentConsentInput = isThePerson ? { ...consent, channel: ConsentChannel.ONLINE_FORM, givenOn: null } : consent;
      let saved: Consent;
      if (!earlier) {
        saved = await recordConsent(manager, viewer, record, purpose, given, phone);
      } else {
        const reachable = phone ?? given.phone;
        const { affected } = await manager.update(
          Consent,
          { id: earlier.id, withdrawnAt: Not(IsNull()) },
          {
            noticeVersion: given.noticeVersion,
            channel: given.channel,
            givenOn: given.givenOn ?? todayInVietnam(),
            recordedBy: viewer.subject,
            withdrawnAt: null,
            withdrawnBy: null,
            ...(reachable ? { subjectKey: subjectKeyOf(reachable) } : {}),
          },
        );
        if (!affected) throw conflict(t('conflicts.consentHolds'), { recordType });
        saved = await manager.findOneByOrFail(Consent, { id: earlier.id });
      }
      await audit(manager, viewer, { action, entity: record, unitPath, after: { purpose, consentGiven: true, noticeVersion: saved.noticeVersion, channel: saved.channel } });
      return saved;
    },
    (manager, id) => manager.findOneByOrFail(Consent, { id }),
  );
}
