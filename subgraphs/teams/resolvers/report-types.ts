import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { DATE_RANGES } from '../../common/dates';
import { RETRY_KEY } from '../../common/idempotency';
import { DateWithin } from '../../common/validation';
import { ArgsType, Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PERIOD_MESSAGE, PERIOD_PATTERN, type Period } from '../../common/periods';
import { SheetFormat } from '../../common/spreadsheets';
import { BasicSkill } from '../../common/skills';
import { Indicator, type AdministrativeUnit } from '../entities';
import { t } from '../../common/messages';

@ObjectType({ description: 'One indicator’s count' })
export class IndicatorFigure {
  @Field(() => Indicator, { description: 'What is counted' })
  indicator: Indicator;

  @Field({ description: 'Its wording on the paper forms' })
  label: string;

  @Field(() => Int, { description: 'How many the indicator counts' })
  value: number;
}

@ObjectType({ description: 'One indicator’s count against its target' })
export class IndicatorProgress extends IndicatorFigure {
  @Field(() => Int, { nullable: true, description: 'The target set for this period, if any' })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'value / target in per cent, one decimal (null without a target)' })
  percent: number | null;
}

@ObjectType({ description: 'Everything reported in a unit’s whole subtree over a period, against its targets' })
@Directive('@key(fields: "unitCode period")')
export class UnitRollUp {
  @Field({ description: 'The unit (VN: the whole country)' })
  unitCode: string;

  @Field({ description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' })
  period: string;

  /** The unit; undefined for the nation. */
  unit?: AdministrativeUnit;
  /** The subtree's path prefix (`/` for the nation). */
  path: string;
  parsed: Period;
}

@ObjectType({ description: 'A unit directly under the roll-up’s unit, ranked on one indicator' })
export class SubUnitRanking {
  @Field(() => Int, { description: '1 for the highest value (ties share a rank)' })
  rank: number;

  @Field(() => UnitRollUp, { description: 'The unit’s roll-up over the same period' })
  rollUp: UnitRollUp;

  @Field(() => Int, { description: 'The unit’s count of the indicator' })
  value: number;

  @Field(() => Int, { nullable: true, description: 'The unit’s target for the indicator; null when none was set' })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'The value as a percentage of the target; null without a target' })
  percent: number | null;
}

@ObjectType({ description: 'A team’s own figures over a period against its own targets' })
export class TeamProgress {
  @Field({ description: 'The period, as asked' })
  period: string;

  @Field(() => Int, { description: 'Months reported in the period' })
  reportsReceived: number;

  @Field(() => [IndicatorProgress], { description: 'Every indicator, in the order of the paper form' })
  figures: IndicatorProgress[];
}

@InputType({ description: 'One indicator’s count' })
export class IndicatorFigureInput {
  @Field(() => Indicator, { description: 'What is counted' })
  indicator: Indicator;

  @Field(() => Int, { description: 'The count, zero or more' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  value: number;
}

@InputType({ description: 'A team’s figures for a month; indicators left out count 0' })
export class ActivityReportInput {
  @Field(() => ID, { description: 'The team whose report it is' })
  @Length(36, 36)
  teamId: string;

  @Field({ description: 'The month, e.g. 2025-07' })
  @Matches(/^\d{4}-\d{2}$/, { message: () => t('checks.month') })
  month: string;

  @Field(() => [IndicatorFigureInput], { description: 'The count of each indicator for the month; indicators left out count zero' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  figures: IndicatorFigureInput[];

  @Field(() => String, { nullable: true, description: 'The team’s remarks on the month' })
  @IsOptional()
  @Length(1, 1000)
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key (a report sent again after its answer was lost) answers the first result and writes nothing more' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A correction of a team’s monthly report: the figures as they should be, and why' })
export class ActivityReportCorrectionInput extends ActivityReportInput {
  @Field({ description: 'Why it is corrected (kept in the revision history)' })
  @Length(3, 500)
  reason: string;
}

@ArgsType()
export class LockPeriodArgs {
  @Field({ description: 'A commune or a unit above it: the lock holds for its whole subtree' })
  @Length(1, 20)
  unitCode: string;

  @Field({ description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' })
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  period: string;

  @Field(() => String, { nullable: true, description: RETRY_KEY })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

/** The base64 of a filled-in form: a workbook of one sheet is far below this. */
const MAX_IMPORT_BASE64 = 5_000_000;

@ArgsType()
export class ImportActivityReportArgs {
  @Field(() => SheetFormat, { description: 'The file’s format' })
  format: SheetFormat;

  @Field({ description: 'The file, in base64 (at most 5 MB)' })
  @MaxLength(MAX_IMPORT_BASE64, { message: () => t('checks.base64Max5MB') })
  content: string;

  @Field(() => String, { nullable: true, description: 'Required when the month is reported already: why it is corrected' })
  @IsOptional()
  @Length(3, 500)
  reason?: string | null;

  @Field(() => String, { nullable: true, description: RETRY_KEY })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Targets of a unit’s whole subtree (unitCode) or of one team (teamId) for a period' })
export class TargetsInput {
  @Field(() => String, { nullable: true, description: 'The unit whose whole subtree the targets are for (or give teamId)' })
  @IsOptional()
  @Length(1, 20)
  unitCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The team the targets are for (or give unitCode)' })
  @IsOptional()
  @Length(36, 36)
  teamId?: string | null;

  @Field({ description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' })
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  period: string;

  @Field(() => [IndicatorFigureInput], { description: 'Each indicator’s target; indicators left out keep theirs' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  targets: IndicatorFigureInput[];
}

@InputType({ description: 'A quarter’s theme of the plan' })
export class PlanThemeInput {
  @Field(() => Int, { description: 'The quarter, 1 to 4' })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: number;

  @Field(() => BasicSkill, { nullable: true, description: 'The basic skill of the quarter, if the theme is one' })
  skill?: BasicSkill | null;

  @Field(() => String, { nullable: true, description: 'Free text; defaults to the skill’s name' })
  @IsOptional()
  @Length(2, 300)
  theme?: string | null;
}

@InputType({ description: 'A row of the activity programme (form 6.2)' })
export class ProgrammeActivityInput {
  @Field({ description: 'What the activity is' })
  @Length(2, 500)
  content: string;

  @Field(() => String, { nullable: true, description: 'How it is done' })
  @IsOptional()
  @Length(1, 2000)
  details?: string | null;

  @Field(() => String, { nullable: true, description: 'When it takes place, in words (e.g. Tháng 10)' })
  @IsOptional()
  @Length(1, 200)
  time?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place' })
  @IsOptional()
  @Length(1, 200)
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries it out' })
  @IsOptional()
  @Length(1, 200)
  executor?: string | null;

  @Field(() => String, { nullable: true, description: 'Who directs it' })
  @IsOptional()
  @Length(1, 200)
  director?: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @IsOptional()
  @Length(1, 500)
  note?: string | null;
}

@InputType({ description: 'A row of the work assignments (form 6.5)' })
export class WorkAssignmentInput {
  @Field({ description: 'What is to be done' })
  @Length(2, 500)
  content: string;

  @Field(() => ID, { nullable: true, description: 'An active member of the team' })
  @IsOptional()
  @Length(36, 36)
  assigneeId?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it is due' })
  @IsOptional()
  @DateWithin(DATE_RANGES.planned)
  deadline?: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @IsOptional()
  @Length(1, 500)
  note?: string | null;
}

const SECTION_LENGTH = 5000;

/** The sections of form 6.3 (kế hoạch hoạt động), written by the team's leaders before the plan is approved. */
@InputType({ description: 'The sections of a plan as the handbook’s form 6.3 has them; fields left out stay as they are, an empty text clears one' })
export class PlanSectionsInput {
  @Field(() => ID, { description: 'The plan to write' })
  @Length(36, 36)
  planId: string;

  @Field(() => String, { nullable: true, description: 'I. Mục đích ý nghĩa' })
  @IsOptional()
  @MaxLength(SECTION_LENGTH)
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'II. Thời gian - địa điểm' })
  @IsOptional()
  @MaxLength(SECTION_LENGTH)
  timeAndPlace?: string | null;

  @Field(() => String, { nullable: true, description: 'III. Đối tượng - số lượng - thành phần' })
  @IsOptional()
  @MaxLength(SECTION_LENGTH)
  participants?: string | null;

  @Field(() => String, { nullable: true, description: 'IV. Nội dung' })
  @IsOptional()
  @MaxLength(SECTION_LENGTH)
  content?: string | null;

  @Field(() => String, { nullable: true, description: 'V. Ban chỉ đạo, ban tổ chức' })
  @IsOptional()
  @MaxLength(SECTION_LENGTH)
  organisers?: string | null;

  @Field(() => String, { nullable: true, description: 'VI. Tiến độ thực hiện' })
  @IsOptional()
  @MaxLength(SECTION_LENGTH)
  schedule?: string | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never writes twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A team’s yearly plan; saving replaces its themes, programme and assignments' })
export class ActivityPlanInput {
  @Field(() => ID, { description: 'The team whose plan it is' })
  @Length(36, 36)
  teamId: string;

  @Field(() => Int, { description: 'The year the plan is for' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field({ description: 'The plan’s title, as on the paper plan' })
  @Length(2, 300)
  title: string;

  @Field(() => [PlanThemeInput], { defaultValue: [], description: 'The quarterly themes; replaces those saved before' })
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  themes: PlanThemeInput[];

  @Field(() => [ProgrammeActivityInput], { defaultValue: [], description: 'The rows of the activity programme (form 6.2); replaces those saved before' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  programme: ProgrammeActivityInput[];

  @Field(() => [WorkAssignmentInput], { defaultValue: [], description: 'The work assignments (form 6.5); replaces those saved before' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  assignments: WorkAssignmentInput[];

  @Field(() => String, { nullable: true, description: 'A retry with the same key never saves twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}
