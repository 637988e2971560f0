import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SheetFormat } from '../../common/spreadsheets';
import { ConsentChannel, LawfulBasis } from './person-consent.entity';

export enum ImportJobStatus {
  /** The dry run is reading and checking the file: nothing is written. */
  CHECKING = 'CHECKING',
  /** Checked without problems: waiting for the officer to confirm (warnings may remain). */
  CHECKED = 'CHECKED',
  /** The file has problems: nothing can be written; fix the rows named and upload again. */
  REFUSED = 'REFUSED',
  /** Confirmed: communes are being written, each all or nothing. */
  APPLYING = 'APPLYING',
  DONE = 'DONE',
  /** Stopped by an unexpected error; the communes counted in communesDone were written. */
  FAILED = 'FAILED',
}

export enum ImportIssueKind {
  /** The row cannot be imported: the whole file is refused until it is fixed. */
  PROBLEM = 'PROBLEM',
  /** The row is imported, but not exactly as the file wishes (a rule of the domain decided otherwise). */
  WARNING = 'WARNING',
  /** A value typed in a legacy encoding (TCVN3, VNI) was converted to Unicode: check it reads right. */
  CONVERTED = 'CONVERTED',
}

registerEnumType(ImportJobStatus, {
  name: 'ImportJobStatus',
  description: 'Where a roster import stands',
  valuesConfig: {
    CHECKING: { description: 'The dry run is reading and checking the file: nothing is written' },
    CHECKED: { description: 'Checked without problems: waiting for the officer to confirm (warnings may remain)' },
    REFUSED: { description: 'The file has problems: nothing can be written; fix the rows named and upload again' },
    APPLYING: { description: 'Confirmed: communes are being written, each all or nothing' },
    DONE: { description: 'Every commune of the file was written' },
    FAILED: { description: 'Stopped by an unexpected error; the communes counted in communesDone were written' },
  },
});
registerEnumType(ImportIssueKind, {
  name: 'ImportIssueKind',
  description: 'How serious an issue found in an import’s row is',
  valuesConfig: {
    PROBLEM: { description: 'The row cannot be imported: the whole file is refused until it is fixed' },
    WARNING: { description: 'The row is imported, but not exactly as the file wishes (a rule of the domain decided otherwise)' },
    CONVERTED: { description: 'A value typed in a legacy encoding (TCVN3, VNI) was converted to Unicode: check it reads right' },
  },
});

/**
 * A roster file being imported for a commune or a province: first a dry run (CHECKING), then,
 * once an officer confirms it, the writing (APPLYING), commune by commune. The file itself is
 * not kept: confirming sends it again and it must be the very file checked (same SHA-256).
 */
@ObjectType({ description: 'An import of teams and members from a roster file, and its progress' })
@Directive('@key(fields: "id")')
@Entity('import_job')
@Index('IDX_import_job_unit', ['unitCode', 'createdAt'])
export class ImportJob extends IdentifiedEntity {
  @Field({ description: 'The commune or province the file is for' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field(() => ImportJobStatus, { description: 'Where the import stands' })
  @Column({ type: 'varchar', length: 16 })
  status: ImportJobStatus;

  @Field(() => SheetFormat, { description: 'The file’s format' })
  @Column({ type: 'varchar', length: 8 })
  format: SheetFormat;

  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @Field(() => String, { nullable: true, description: 'Token subject of the officer who uploaded it' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  createdBy: string | null;

  @Field(() => LawfulBasis, { description: 'Why the hub may keep the roster’s data' })
  @Column({ type: 'varchar', length: 20 })
  lawfulBasis: LawfulBasis;

  @Field({ description: 'The version of the privacy notice the people of the roster were shown' })
  @Column({ type: 'varchar', length: 40 })
  noticeVersion: string;

  @Field(() => ConsentChannel, { description: 'How the people of the roster gave their consent' })
  @Column({ type: 'varchar', length: 20 })
  consentChannel: ConsentChannel;

  @Field(() => Int, { description: 'Rows of members read from the file' })
  @Column({ type: 'integer', default: 0 })
  rows: number;

  @Field(() => Int, { description: 'Teams named in the file' })
  @Column({ type: 'integer', default: 0 })
  teams: number;

  @Field(() => Int, { description: 'Communes the file covers' })
  @Column({ type: 'integer', default: 0 })
  communes: number;

  @Field(() => Int, { description: 'Communes checked (dry run) or written (apply) so far: the progress bar' })
  @Column({ type: 'integer', default: 0 })
  communesDone: number;

  @Field(() => Int, { description: 'Problems found: any makes the whole file refused' })
  @Column({ type: 'integer', default: 0 })
  problems: number;

  @Field(() => Int, { description: 'Warnings found: rows imported, but not exactly as the file wishes' })
  @Column({ type: 'integer', default: 0 })
  warnings: number;

  @Field(() => Int, { description: 'Rows with values converted from TCVN3 or VNI' })
  @Column({ type: 'integer', default: 0 })
  converted: number;

  @Field(() => Int, { description: 'Teams set up by the import (in the dry run: that would be)' })
  @Column({ type: 'integer', default: 0 })
  teamsCreated: number;

  @Field(() => Int, { description: 'Members who joined a team' })
  @Column({ type: 'integer', default: 0 })
  membersJoined: number;

  @Field(() => Int, { description: 'Members whose role changed' })
  @Column({ type: 'integer', default: 0 })
  membersChanged: number;

  @Field(() => Int, { description: 'Members who left a team (not in the file, or moved to another team)' })
  @Column({ type: 'integer', default: 0 })
  membersLeft: number;

  /** The uploaded file, kept (in import_upload_chunk) until the job ends, so confirming need not send it again and a stopped job can resume. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  uploadId: string | null;

  /** The run working on the job now (a process's claim; progress is written only under it): null when none, so another process may resume it. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  runner: string | null;

  @Field(() => String, { nullable: true, description: 'Why the job failed, in Vietnamese' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  failure: string | null;

  @Field({ description: 'When the file was uploaded' })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: 'When the job last changed' })
  @UpdateDateColumn()
  updatedAt: Date;
}

/**
 * A piece of a file uploaded for an import, sent by the client in slices (see uploads.ts): on a
 * weak connection a failed slice is sent again alone, and the file, kept in the database, serves
 * every process of the subgraph and survives a restart. Deleted when the import ends.
 */
@Entity('import_upload_chunk')
@Index('UQ_import_upload_chunk', ['uploadId', 'offset'], { unique: true })
export class ImportUploadChunk extends IdentifiedEntity {
  /** Chosen by the client (a UUID), so a retried first slice cannot start a second upload. */
  @Column({ type: 'varchar', length: 36 })
  uploadId: string;

  /** Where the slice starts in the file, in bytes. */
  @Column({ type: 'integer' })
  offset: number;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'blob' })
  bytes: Buffer;

  /** Token subject of the uploader: only they may add to it or import it. */
  @Column({ type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn()
  createdAt: Date;
}

/** One problem, warning or conversion of one row of an import's file. */
@ObjectType({ description: 'A row of the file the officer should look at' })
@Entity('import_issue')
@Index('IDX_import_issue_job', ['jobId', 'row'])
export class ImportIssue extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  jobId: string;

  @Field(() => Int, { description: 'The row number as Excel shows it' })
  @Column({ type: 'integer' })
  row: number;

  @Field({ description: 'The column, by its heading in the template (e.g. Số điện thoại)' })
  @Column({ type: 'varchar', length: 60 })
  field: string;

  @Field(() => ImportIssueKind, { description: 'Whether the row is refused, imported with a change, or converted from a legacy encoding' })
  @Column({ type: 'varchar', length: 12 })
  kind: ImportIssueKind;

  @Field({ description: 'A stable code for programs, e.g. SECOND_LEADER' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Field({ description: 'What is wrong or was decided, in Vietnamese' })
  @Column({ type: 'varchar', length: 500 })
  message: string;
}

