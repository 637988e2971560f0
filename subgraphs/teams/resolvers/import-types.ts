import { IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SheetFormat } from '../../common/spreadsheets';
import { ConsentChannel, ImportIssueKind, LawfulBasis } from '../entities';
import { t } from '../../common/messages';

/** Base64 of a file of at most ~15 MB: a province's roster of 15,000 members is a few MB. */
const MAX_BASE64 = 20_000_000;

@InputType({ description: 'On what basis the people of the roster were told about and agreed to the hub keeping their data' })
export class ConsentInput {
  @Field(() => LawfulBasis, { description: 'Why the hub may keep the roster’s data: consent, or the commune’s public task' })
  basis: LawfulBasis;

  @Field({ description: 'The version of the privacy notice they were shown, e.g. 2025-07' })
  @Length(1, 40)
  noticeVersion: string;

  @Field(() => ConsentChannel, { description: 'How the people of the roster gave their consent' })
  channel: ConsentChannel;
}

@InputType({ description: 'A roster file of teams and members to check before importing' })
export class RosterImportInput {
  @Field({ description: 'The commune the file is for, or a province (then every row gives Mã xã)' })
  @Matches(/^[0-9A-Za-z._-]{1,20}$/, { message: () => t('checks.fileCode') })
  unitCode: string;

  @Field(() => SheetFormat, { description: 'The file’s format' })
  format: SheetFormat;

  @Field(() => String, { nullable: true, description: 'The file in base64 (at most 20 MB of base64; the gateway takes 1 MB requests): a commune’s file; else give uploadId' })
  @IsOptional()
  @MaxLength(MAX_BASE64, { message: () => t('checks.base64Max20MB') })
  content?: string | null;

  @Field(() => ID, { nullable: true, description: 'The file uploaded in slices with uploadImportChunk (a province’s file, or any file on a weak connection)' })
  @IsOptional()
  @IsUUID()
  uploadId?: string | null;

  @Field(() => ConsentInput, { description: 'On what basis the people of the roster agreed to the hub keeping their data' })
  @ValidateNested()
  consent: ConsentInput;

  @Field(() => String, { nullable: true, description: 'Sending the same upload again with this key returns the same job' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string | null;
}

@ArgsType()
export class ConfirmRosterImportArgs {
  @Field(() => ID, { description: 'The checked import to write' })
  @Length(36, 36)
  jobId: string;

  @Field(() => String, { nullable: true, description: 'Not needed: the hub keeps the checked file until the import ends. If sent, it must be the very file checked' })
  @IsOptional()
  @MaxLength(MAX_BASE64, { message: () => t('checks.base64Max20MB') })
  content?: string | null;

  @Field(() => String, { nullable: true, description: 'Sent again with the same key, the import is confirmed once' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string | null;
}

@ArgsType()
export class ImportUnitsArgs {
  @Field(() => SheetFormat, { description: 'The file’s format' })
  format: SheetFormat;

  @Field({ description: 'The list in base64: columns Mã, Tên, Cấp, Mã cấp trên' })
  @MaxLength(MAX_BASE64, { message: () => t('checks.base64Max20MB') })
  content: string;

  @Field({ description: 'true: only report what would change and every bad row' })
  dryRun: boolean;
}

@ArgsType()
export class ImportIssuesArgs {
  @Field(() => ImportIssueKind, { nullable: true, description: 'Only issues of this kind; all when left out' })
  kind?: ImportIssueKind | null;

  @Field(() => Int, { defaultValue: 0, description: 'Issues of rows after this row number (to page on)' })
  @Min(0)
  @Max(10_000_000)
  afterRow: number;

  @Field(() => Int, { defaultValue: 100, description: 'How many issues to return' })
  @Min(1)
  @Max(1000)
  first: number;
}

@ObjectType({ description: 'A row of an administrative units list that is wrong, or a change it makes' })
export class UnitRowIssue {
  @Field(() => Int, { description: 'The row’s number in the file' })
  row: number;

  @Field({ description: 'The column, by its heading (Mã, Tên, Cấp, Mã cấp trên)' })
  field: string;

  @Field({ description: 'A stable code: PARENT_UNKNOWN, LEVEL_ORDER, CODE_TWICE, UNIT_MOVED, RENAMED…' })
  code: string;

  @Field({ description: 'In Vietnamese' })
  message: string;
}

@ObjectType({ description: 'What importing a list of administrative units did, or (dry run) would do' })
export class UnitImportResult {
  @Field({ description: 'Whether nothing was written (only checked)' })
  dryRun: boolean;

  @Field(() => Int, { description: 'Rows read from the file' })
  rows: number;

  @Field(() => Int, { description: 'Units created (in a dry run: that would be)' })
  created: number;

  @Field(() => Int, { description: 'Units renamed (in a dry run: that would be)' })
  renamed: number;

  @Field(() => Int, { description: 'Units already as the file says' })
  unchanged: number;

  @Field(() => [UnitRowIssue], { description: 'Every bad row (a dry run only: applying a list with problems is refused)' })
  problems: UnitRowIssue[];

  @Field(() => [UnitRowIssue], { description: 'Units whose name changes' })
  renames: UnitRowIssue[];
}

@ArgsType()
export class UploadImportChunkArgs {
  @Field({ description: 'The commune or province the file is for' })
  @Matches(/^[0-9A-Za-z._-]{1,20}$/, { message: () => t('checks.fileCode') })
  unitCode: string;

  @Field(() => ID, { description: 'A UUID the client chooses for the file, the same for all its slices' })
  @IsUUID()
  uploadId: string;

  @Field(() => Int, { description: 'Where the slice starts in the file: the receivedBytes of the previous answer' })
  @Min(0)
  @Max(MAX_BASE64)
  offset: number;

  @Field({ description: 'The slice in base64, at most 48 KiB of the file (64 KiB of base64)' })
  @MaxLength(65_536, { message: () => t('checks.base64Max64KiB') })
  content: string;
}

@ObjectType({ description: 'A file being uploaded in slices for an import' })
export class ImportUpload {
  @Field(() => ID, { description: 'The upload’s identifier: pass it as uploadId to import the file' })
  id: string;

  @Field(() => Int, { description: 'Bytes of the file stored so far: the offset of the next slice' })
  receivedBytes: number;
}
