import { randomUUID } from 'node:crypto';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, type EntityManager } from 'typeorm';
import { Role, type Viewer } from './auth';
import type { Context } from './context';
import { insertMany, insertRow } from './database';
import { IdentifiedEntity } from './entity';
import { t } from './messages';

/** One change to a row: who, when, what, before and after. Append-only. */
@ObjectType({ description: 'A change recorded in the audit trail' })
@Directive('@shareable') // every subgraph keeps its own trail of this same shape
@Entity('audit_entry')
@Index('IDX_audit_entry_subject', ['entityType', 'entityId'])
export class AuditEntry extends IdentifiedEntity {
  @Field({ description: 'When the change was made' })
  @CreateDateColumn()
  at: Date;

  @Field(() => String, { nullable: true, description: 'Token subject of who did it' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  actor: string | null;

  @Field({ description: 'The mutation, e.g. recordCashDonation' })
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Field({ description: 'The kind of record changed, e.g. Pledge' })
  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Field({ description: 'The identifier of the record changed' })
  @Column({ type: 'varchar', length: 36 })
  entityId: string;

  /** The unit the record belongs to, so officers can read the trail of their subtree. */
  @Index('IDX_audit_entry_unit_path')
  @Column({ type: 'varchar', length: 255, nullable: true })
  unitPath: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the row before the change' })
  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the row after the change' })
  @Column({ type: 'text', nullable: true })
  after: string | null;
}

/** The arguments of every subgraph's audit trail query. */
@ArgsType()
export class AuditTrailArgs {
  @Field(() => String, { nullable: true, description: 'The unit whose subtree’s changes to list (officers over it); none: the whole trail (admins)' })
  @IsOptional()
  @Length(1, 20)
  unitCode?: string | null;

  @Field(() => Int, { defaultValue: 50, description: '1 to 100, newest first' })
  @Min(1)
  @Max(100)
  first: number;

  @Field(() => String, { nullable: true, description: 'Only changes of this kind: the mutation that made them, e.g. approveExpense' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,60}$/, { message: () => t('checks.mutationName') })
  action?: string | null;
}

export interface AuditRecord {
  action: string;
  /** The changed row, by its `id`; `entityId` names a row keyed otherwise (a unit by its code). */
  entity: { constructor: Function; id?: string };
  entityId?: string;
  unitPath?: string | null;
  before?: object | null;
  after?: object | null;
}

/**
 * Fields that hold a person's details (a resident's, a contact's, an applicant's, a household's),
 * wherever they sit in a record: the audit trail never keeps them. An entry keeps the ids and what
 * else changed, and names the personal fields that changed (`personalFieldsChanged`), not their values.
 */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'fullName',
  'phone',
  'email',
  'address',
  'applicantName',
  'applicantPhone',
  'applicantAddress',
  'contactName',
  'contactPhone',
  'contactEmail',
  'household',
  /** A stall applicant's "once per category" key: for anyone but a partner, their phone. */
  'exhibitorKey',
  /** Keyed hashes of phones (personal-data.ts): pseudonymous, still personal data. */
  'phoneHash',
  'applicantPhoneHash',
  'contactPhoneHash',
]);

/** A copy of `value` without personal fields, at any depth. */
export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      // A flag (`changed: { phone: true }`) says that it changed, not what it is: it stays.
      .filter(([key, inner]) => !PERSONAL_FIELDS.has(key) || typeof inner === 'boolean')
      .map(([key, inner]) => [key, withoutPersonalData(inner)]),
  );
}

/** What an entry keeps of the row after the change: no personal data, but which personal fields changed. */
function auditedAfter(before: object | null | undefined, after: object): object {
  const was = (before ?? {}) as Record<string, unknown>;
  const changed = Object.entries(after)
    .filter(([key, value]) => PERSONAL_FIELDS.has(key) && value !== undefined && JSON.stringify(value) !== JSON.stringify(was[key]))
    .map(([key]) => key);
  const kept = withoutPersonalData(after) as object;
  return changed.length > 0 ? { ...kept, personalFieldsChanged: changed } : kept;
}

/** Who acted, when a person acted on their own data: never their key (a keyed hash of their phone is personal data too). */
export const THE_PERSON = 'data-subject';

/** Appends to the audit trail inside the caller's transaction, so the change and its record land together. */
export async function audit(manager: EntityManager, viewer: Viewer, record: AuditRecord): Promise<void> {
  await insertRow(manager, AuditEntry, auditEntry(manager, viewer, record));
}

/** Appends many records in multi-row inserts (bulk writers: a province's import), in the caller's transaction. */
export async function auditAll(manager: EntityManager, viewer: Viewer, records: AuditRecord[]): Promise<void> {
  await insertMany(manager, AuditEntry, records.map((record) => auditEntry(manager, viewer, record)));
}

function auditEntry(manager: EntityManager, viewer: Viewer, record: AuditRecord): AuditEntry {
  return manager.create(AuditEntry, {
    id: randomUUID(),
    // A person acting on their own data is "the person": their key is a keyed hash of their phone.
    actor: viewer.dataSubjectKey ? THE_PERSON : viewer.subject,
    action: record.action,
    entityType: record.entity.constructor.name,
    entityId: record.entityId ?? record.entity.id,
    unitPath: record.unitPath ?? null,
    before: record.before ? JSON.stringify(withoutPersonalData(record.before)) : null,
    after: record.after ? JSON.stringify(auditedAfter(record.before, record.after)) : null,
  });
}

/** A phone number, an e-mail address or a personal field's name in an audit entry: what `personalDataIn` looks for. */
const PERSONAL_VALUE = /(?:\+84|\b0)[2-9]\d{8,9}\b|[\w.+-]+@[\w-]+\.[\w.]+/;

/** The entries that hold personal data (a test's check over every entry its mutations wrote). */
export function personalDataIn(entries: readonly AuditEntry[]): string[] {
  return entries.flatMap((entry) =>
    [entry.before, entry.after].flatMap((json) => {
      if (!json) return [];
      const keys = [...json.matchAll(/"(\w+)":(?!true|false)/g)].map((match) => match[1]).filter((key) => PERSONAL_FIELDS.has(key));
      const value = PERSONAL_VALUE.exec(json);
      return keys.length > 0 || value ? [`${entry.action} ${entry.entityType}: ${keys.join(', ') || value![0]}`] : [];
    }),
  );
}

/**
 * The newest changes under a unit, for officers over it (and admins); without a unit, the whole
 * trail of the subgraph, entries that belong to no unit (a partner's own records) included: admins only.
 */
export async function auditTrailUnder(
  ctx: Context,
  { unitCode, first, action }: AuditTrailArgs,
  /** Where the unit sits; the teams subgraph, which owns the tree, looks it up itself. */
  unitPathOf = async (code: string) => (await ctx.units.unit(code)).unitPath,
): Promise<AuditEntry[]> {
  const query = ctx.db.manager.createQueryBuilder(AuditEntry, 'entry');
  if (unitCode) {
    const unitPath = await unitPathOf(unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.readUnitAudit');
    query.where('entry.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
  } else {
    ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.readWholeAudit');
  }
  if (action) query.andWhere('entry.action = :action', { action });
  return query
    .orderBy('entry.at', 'DESC')
    .limit(first)
    .getMany();
}
