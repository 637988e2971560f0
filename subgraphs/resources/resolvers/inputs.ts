import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Length, Matches, Max, MaxDate, Min, MinDate, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { CONSENT_REQUIRED, ResidentConsentInput } from '../../common/consent';
import { DATE_RANGES } from '../../common/dates';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ContactPersonInput } from '../../common/contact';
import { DateWithin, IsVietnamesePhone } from '../../common/validation';
import { Amount, MAX_AMOUNT, Money } from '../../common/money';
import {
  BudgetSide,
  FundingSource,
  InstalmentFrequency,
  InteractionKind,
  ItemKind,
  PaymentMethod,
  ProgrammeKind,
  RecipientKind,
  ResourceKind,
  SponsorKind,
  SponsorStatus,
} from '../entities';
import { t } from '../../common/messages';

/** Vietnamese tax codes: 10 digits, or 13 for a branch (0100109106-001). */
const TAX_CODE = /^\d{10}(-\d{3})?$/;

@InputType({ description: 'Money and stock writes take one: a retry with the same key returns the first result' })
abstract class IdempotentInput {
  @Field(() => String, { nullable: true, description: 'Any unique string per intended write, e.g. a UUID' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType()
export class SponsorContactInput extends ContactPersonInput {}

@InputType()
export class CreateSponsorInput {
  @Field({ description: 'The unit whose officers look after this sponsor' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => SponsorKind)
  kind: SponsorKind;

  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(TAX_CODE, { message: () => t('checks.taxCode') })
  taxCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner enterprise this sponsor is' })
  @IsOptional()
  @Length(1, 36)
  partnerId?: string | null;

  @Field(() => SponsorStatus, { defaultValue: SponsorStatus.PROSPECT })
  status: SponsorStatus;

  @Field({ defaultValue: false })
  publiclyNamed: boolean;

  @Field(() => [SponsorContactInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  contacts: SponsorContactInput[];
}

@InputType()
export class UpdateSponsorInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => SponsorStatus, { nullable: true })
  status?: SponsorStatus | null;

  @Field(() => Boolean, { nullable: true })
  publiclyNamed?: boolean | null;
}

@InputType()
export class SponsorInteractionInput {
  @Field(() => InteractionKind)
  kind: InteractionKind;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  occurredOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'A memorandum’s end date' })
  @IsOptional()
  @DateWithin(DATE_RANGES.agreementEnd)
  validUntil?: string | null;

  @Field()
  @Length(2, 1000)
  summary: string;
}

@InputType()
export class BudgetLineInput {
  @Field(() => BudgetSide)
  side: BudgetSide;

  @Field()
  @Length(1, 200)
  item: string;

  @Field()
  @Length(1, 30)
  unit: string;

  @Field(() => Money)
  @Amount(MAX_AMOUNT.unitPrice, 0)
  unitPrice: number;

  @Field(() => Int)
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string | null;
}

@InputType({ description: 'A line of a revised budget estimate: an existing line (its id) changed, or a new line' })
export class RevisedBudgetLineInput extends BudgetLineInput {
  @Field(() => ID, { nullable: true, description: 'The existing line this one changes (spending recorded against it stays linked); omit for a new line' })
  @IsOptional()
  @Length(1, 36)
  id?: string | null;
}

@InputType({ description: 'A programme’s budget estimate as revised, before an officer over its unit approves it' })
export class ReviseBudgetInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme whose estimate is revised' })
  @Length(1, 36)
  programmeId: string;

  @Field({ description: 'Why the estimate changes (shown in the list of revisions)' })
  @Length(2, 500)
  reason: string;

  @Field(() => [RevisedBudgetLineInput], { description: 'The whole estimate as revised, in order: lines left out are removed (refused if spending was recorded against them)' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  budget: RevisedBudgetLineInput[];
}

@InputType({ description: 'An officer’s approval of a programme’s budget estimate as last revised' })
export class ApproveBudgetInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme whose estimate is approved' })
  @Length(1, 36)
  programmeId: string;
}

@InputType()
export class CreateProgrammeInput {
  @Field(() => String, { nullable: true, description: 'The owning unit; or give teamId' })
  @IsOptional()
  @Length(1, 20)
  unitCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The owning team; its unit is looked up' })
  @IsOptional()
  @Length(1, 36)
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The event (e.g. a fair) it pays for' })
  @IsOptional()
  @Length(1, 36)
  eventId?: string | null;

  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => ProgrammeKind)
  kind: ProgrammeKind;

  @Field(() => Int, { description: '1, 3, 6 or 12 months' })
  @IsIn([1, 3, 6, 12], { message: () => t('checks.horizonMonths') })
  horizonMonths: number;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned)
  startsOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  description?: string | null;

  @Field(() => [BudgetLineInput], { defaultValue: [], description: 'The budget estimate' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  budget: BudgetLineInput[];
}

@InputType()
export class SponsorshipPackageInput {
  @Field()
  @Length(2, 200)
  name: string;

  @Field()
  @Length(2, 1000)
  contribution: string;

  @Field()
  @Length(2, 1000)
  benefits: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 1000)
  mediaExposure?: string | null;

  @Field(() => Money, { nullable: true })
  @IsOptional()
  @Amount(MAX_AMOUNT.sponsorshipPackage, 0)
  value?: number | null;
}

@InputType({ description: 'One payment of a pledge' })
export class InstalmentInput {
  @Field(() => Money)
  @Amount(MAX_AMOUNT.pledge)
  amount: number;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned)
  dueOn: string;
}

@InputType({ description: 'Equal instalments a month or a quarter apart (the remainder in the last one)' })
export class InstalmentScheduleInput {
  @Field(() => InstalmentFrequency)
  frequency: InstalmentFrequency;

  @Field(() => Int, { description: 'How many payments' })
  @Min(2)
  @Max(60)
  count: number;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned)
  firstDueOn: string;
}

@InputType({ description: 'Give at most one of dueOn (one payment), instalments or schedule' })
export class PledgeInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  programmeId: string;

  @Field(() => ID)
  @Length(1, 36)
  sponsorId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 36)
  packageId?: string | null;

  @Field(() => ResourceKind)
  kind: ResourceKind;

  @Field(() => Money, { description: 'Cash amount, or the estimated value of the items' })
  @Amount(MAX_AMOUNT.pledge)
  amount: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 500)
  description?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Paid at once, due on this date' })
  @IsOptional()
  @DateWithin(DATE_RANGES.planned)
  dueOn?: string | null;

  @Field(() => [InstalmentInput], { nullable: true, description: 'Amounts summing to the pledge, due dates in order' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  instalments?: InstalmentInput[] | null;

  @Field(() => InstalmentScheduleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  schedule?: InstalmentScheduleInput | null;
}

@InputType()
export class WriteOffInstalmentInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  instalmentId: string;
}

@InputType()
abstract class DonationInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  programmeId: string;

  @Field(() => ID, { nullable: true, description: 'Unset for an anonymous donor' })
  @IsOptional()
  @Length(1, 36)
  sponsorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The pledge this fulfils, in full or in part' })
  @IsOptional()
  @Length(1, 36)
  pledgeId?: string | null;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  receivedOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string | null;
}

@InputType()
export class CashDonationInput extends DonationInput {
  @Field(() => Money)
  @Amount(MAX_AMOUNT.receipt)
  amount: number;

  @Field(() => PaymentMethod)
  method: PaymentMethod;

  @Field(() => FundingSource, { defaultValue: FundingSource.MOBILISED, description: 'A state budget allocation or the team fund has no sponsor or pledge' })
  source: FundingSource;
}

@InputType()
export class GiftInput {
  @Field(() => ItemKind)
  itemKind: ItemKind;

  @Field()
  @Length(2, 200)
  description: string;

  @Field(() => Int)
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => Money, { description: 'Estimated value of one item' })
  @Amount(MAX_AMOUNT.unitPrice, 0)
  unitValue: number;

  @Field(() => [String], { defaultValue: [], description: 'Serials, licence keys or discount codes (never shown publicly)' })
  @ArrayMaxSize(10_000)
  @Length(1, 200, { each: true })
  codes: string[];
}

@InputType()
export class InKindDonationInput extends DonationInput {
  @Field(() => [GiftInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  gifts: GiftInput[];
}

@InputType()
export class AllocationInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  giftId: string;

  @Field(() => Int)
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => RecipientKind)
  recipientKind: RecipientKind;

  @Field(() => ID, { nullable: true, description: 'TEAM or EVENT: its id' })
  @IsOptional()
  @Length(1, 36)
  recipientId?: string | null;

  @Field(() => String, { nullable: true, description: 'HOUSEHOLD: who received it (personal data)' })
  @IsOptional()
  @Length(2, 255)
  household?: string | null;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  issuedOn: string;

  @Field(() => [String], { defaultValue: [], description: 'When the lot has codes (serials, keys): which of them are issued, one per item; never shown publicly' })
  @ArrayMaxSize(10_000)
  @Length(1, 200, { each: true })
  codes: string[];
  @Field(() => ResidentConsentInput, { nullable: true, description: `HOUSEHOLD: ${CONSENT_REQUIRED}` })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;
}

@InputType({ description: 'A contest prize handed over to its winner from the lot it names' })
export class HandOverPrizeInput extends IdempotentInput {
  @Field(() => ID, { description: 'The contest prize (events subgraph)' })
  @Length(1, 36)
  prizeId: string;

  @Field(() => Int, { defaultValue: 1, description: 'How many items of the lot the prize is' })
  @Min(1)
  @Max(1_000)
  quantity: number;

  @Field(() => LocalDateResolver, { description: 'The day it was handed over' })
  @DateWithin(DATE_RANGES.happened)
  issuedOn: string;

  @Field(() => [String], { defaultValue: [], description: 'When the lot has codes (serials, keys): which of them are handed over, one per item; never shown publicly' })
  @ArrayMaxSize(1_000)
  @Length(1, 200, { each: true })
  codes: string[];
}

@InputType()
export class ExpenseInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  programmeId: string;

  @Field(() => ID, { nullable: true, description: 'An EXPENSE line of the programme’s budget' })
  @IsOptional()
  @Length(1, 36)
  budgetLineId?: string | null;

  @Field(() => Money)
  @Amount(MAX_AMOUNT.expense)
  amount: number;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  spentOn: string;

  @Field()
  @Length(2, 500)
  description: string;

  @Field({ description: 'Invoice number or a link to its scan' })
  @Length(2, 500)
  evidence: string;
}

@InputType()
export class VolunteerInput {
  @Field()
  @Length(1, 20)
  unitCode: string;

  @Field()
  @Length(2, 120)
  fullName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their membership in a team, if they are a member' })
  @IsOptional()
  @Length(1, 36)
  memberId?: string | null;

  @Field({ defaultValue: '' })
  @Length(0, 500)
  skills: string;
}

@InputType()
export class VolunteerShiftInput {
  @Field(() => ID)
  @Length(1, 36)
  volunteerId: string;

  @Field(() => ID)
  @Length(1, 36)
  programmeId: string;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  workedOn: string;

  @Field(() => Float, { description: 'Hours, in quarter hours (e.g. 2.5)' })
  @Min(0.25)
  @Max(24)
  hours: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  activity?: string | null;
}

/** Shifts are planned from the programmes' first year to two years ahead. */
const EARLIEST_SHIFT = new Date('2020-01-01T00:00:00Z');
const latestShift = () => new Date(Date.now() + 2 * 366 * 24 * 60 * 60_000);

@InputType({ description: 'A shift a programme plans for volunteers' })
export class PlannedShiftInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  programmeId: string;

  @Field({ description: 'e.g. "Hướng dẫn cài VNeID tại nhà văn hoá thôn"' })
  @Length(2, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  place?: string | null;

  @Field(() => ID, { nullable: true, description: 'The event (events subgraph) the shift serves, if any' })
  @IsOptional()
  @Length(1, 36)
  eventId?: string | null;

  @Field()
  @MinDate(EARLIEST_SHIFT)
  @MaxDate(latestShift)
  startsAt: Date;

  @Field()
  @MinDate(EARLIEST_SHIFT)
  @MaxDate(latestShift)
  endsAt: Date;

  @Field(() => Int, { description: 'How many volunteers the shift takes' })
  @Min(1)
  @Max(500)
  capacity: number;
}

@InputType({ description: 'Hours a volunteer logs themselves; they wait for the programme’s officer or team leader' })
export class OwnHoursInput extends IdempotentInput {
  @Field(() => ID)
  @Length(1, 36)
  programmeId: string;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  workedOn: string;

  @Field(() => Float, { description: 'Hours, in quarter hours (e.g. 2.5)' })
  @Min(0.25)
  @Max(24)
  hours: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  activity?: string | null;
}
