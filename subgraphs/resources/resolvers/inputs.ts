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

@InputType({ description: 'A contact person at a sponsor' })
export class SponsorContactInput extends ContactPersonInput {}

@InputType({ description: 'A new sponsor of a unit’s teams' })
export class CreateSponsorInput extends IdempotentInput {
  @Field({ description: 'The unit whose officers look after this sponsor' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => SponsorKind, { description: 'Whether the sponsor is an organisation or a person' })
  kind: SponsorKind;

  @Field({ description: 'The sponsor’s name' })
  @Length(2, 200)
  name: string;

  @Field(() => String, { nullable: true, description: 'The organisation’s tax code' })
  @IsOptional()
  @Matches(TAX_CODE, { message: () => t('checks.taxCode') })
  taxCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner enterprise this sponsor is' })
  @IsOptional()
  @Length(1, 36)
  partnerId?: string | null;

  @Field(() => SponsorStatus, { defaultValue: SponsorStatus.PROSPECT, description: 'Where the relationship stands' })
  status: SponsorStatus;

  @Field({ defaultValue: false, description: 'Whether the sponsor agreed to be named in the public ledger' })
  publiclyNamed: boolean;

  @Field(() => [SponsorContactInput], { defaultValue: [], description: 'The sponsor’s contact people' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  contacts: SponsorContactInput[];
}

@InputType({ description: 'Changes to a sponsor; fields left out stay as they are' })
export class UpdateSponsorInput {
  @Field(() => String, { nullable: true, description: 'The sponsor’s new name' })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => SponsorStatus, { nullable: true, description: 'Where the relationship stands now' })
  status?: SponsorStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the sponsor agreed to be named in the public ledger' })
  publiclyNamed?: boolean | null;
}

@InputType({ description: 'A contact with a sponsor to record' })
export class SponsorInteractionInput {
  @Field(() => InteractionKind, { description: 'What kind of contact it was' })
  kind: InteractionKind;

  @Field(() => LocalDateResolver, { description: 'When it happened' })
  @DateWithin(DATE_RANGES.happened)
  occurredOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'A memorandum’s end date' })
  @IsOptional()
  @DateWithin(DATE_RANGES.agreementEnd)
  validUntil?: string | null;

  @Field({ description: 'What was said or agreed' })
  @Length(2, 1000)
  summary: string;
}

@InputType({ description: 'A row of the budget estimate' })
export class BudgetLineInput {
  @Field(() => BudgetSide, { description: 'Whether the line is income or expense' })
  side: BudgetSide;

  @Field({ description: 'What the line is for' })
  @Length(1, 200)
  item: string;

  @Field({ description: 'The unit counted, e.g. cái, buổi' })
  @Length(1, 30)
  unit: string;

  @Field(() => Money, { description: 'The price of one unit, in đồng' })
  @Amount(MAX_AMOUNT.unitPrice, 0)
  unitPrice: number;

  @Field(() => Int, { description: 'How many units' })
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => String, { nullable: true, description: 'Remarks' })
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

@InputType({ description: 'A new programme to mobilise resources for' })
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

  @Field({ description: 'The programme’s name' })
  @Length(2, 200)
  name: string;

  @Field(() => ProgrammeKind, { description: 'What kind of programme it is' })
  kind: ProgrammeKind;

  @Field(() => Int, { description: '1, 3, 6 or 12 months' })
  @IsIn([1, 3, 6, 12], { message: () => t('checks.horizonMonths') })
  horizonMonths: number;

  @Field(() => LocalDateResolver, { description: 'When the programme starts' })
  @DateWithin(DATE_RANGES.planned)
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'What the programme is about' })
  @IsOptional()
  @Length(1, 1000)
  description?: string | null;

  @Field(() => [BudgetLineInput], { defaultValue: [], description: 'The budget estimate' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  budget: BudgetLineInput[];
}

@InputType({ description: 'A cooperation package for the programme’s sponsorship dossier' })
export class SponsorshipPackageInput {
  @Field({ description: 'The package’s name' })
  @Length(2, 200)
  name: string;

  @Field({ description: 'What the sponsor gives' })
  @Length(2, 1000)
  contribution: string;

  @Field({ description: 'Benefits promised to the sponsor' })
  @Length(2, 1000)
  benefits: string;

  @Field(() => String, { nullable: true, description: 'How the sponsor is shown in the media' })
  @IsOptional()
  @Length(2, 1000)
  mediaExposure?: string | null;

  @Field(() => Money, { nullable: true, description: 'Suggested value of the package' })
  @IsOptional()
  @Amount(MAX_AMOUNT.sponsorshipPackage, 0)
  value?: number | null;
}

@InputType({ description: 'One payment of a pledge' })
export class InstalmentInput {
  @Field(() => Money, { description: 'The amount due, in đồng' })
  @Amount(MAX_AMOUNT.pledge)
  amount: number;

  @Field(() => LocalDateResolver, { description: 'When it is due' })
  @DateWithin(DATE_RANGES.planned)
  dueOn: string;
}

@InputType({ description: 'Equal instalments a month or a quarter apart (the remainder in the last one)' })
export class InstalmentScheduleInput {
  @Field(() => InstalmentFrequency, { description: 'How far apart the instalments are' })
  frequency: InstalmentFrequency;

  @Field(() => Int, { description: 'How many payments' })
  @Min(2)
  @Max(60)
  count: number;

  @Field(() => LocalDateResolver, { description: 'When the first instalment is due' })
  @DateWithin(DATE_RANGES.planned)
  firstDueOn: string;
}

@InputType({ description: 'Give at most one of dueOn (one payment), instalments or schedule' })
export class PledgeInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme pledged to' })
  @Length(1, 36)
  programmeId: string;

  @Field(() => ID, { description: 'The sponsor who pledges' })
  @Length(1, 36)
  sponsorId: string;

  @Field(() => ID, { nullable: true, description: 'The sponsorship package taken, if any' })
  @IsOptional()
  @Length(1, 36)
  packageId?: string | null;

  @Field(() => ResourceKind, { description: 'Whether cash or in-kind items are promised' })
  kind: ResourceKind;

  @Field(() => Money, { description: 'Cash amount, or the estimated value of the items' })
  @Amount(MAX_AMOUNT.pledge)
  amount: number;

  @Field(() => String, { nullable: true, description: 'In kind: what is promised, e.g. 200 SIM cards' })
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

  @Field(() => InstalmentScheduleInput, { nullable: true, description: 'Equal instalments a month or a quarter apart' })
  @IsOptional()
  @ValidateNested()
  schedule?: InstalmentScheduleInput | null;
}

@InputType({ description: 'An instalment of a pledge no longer expected' })
export class WriteOffInstalmentInput extends IdempotentInput {
  @Field(() => ID, { description: 'The instalment to write off' })
  @Length(1, 36)
  instalmentId: string;

  @Field(() => String, { nullable: true, description: 'Why the rest is expected no more (kept with the instalment, shown to its officers)' })
  @IsOptional()
  @Length(2, 500)
  reason?: string | null;
}

@InputType()
abstract class DonationInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme the donation is for' })
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

  @Field(() => LocalDateResolver, { description: 'When the donation was received' })
  @DateWithin(DATE_RANGES.happened)
  receivedOn: string;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @IsOptional()
  @Length(1, 500)
  note?: string | null;
}

@InputType({ description: 'A cash donation received for a programme' })
export class CashDonationInput extends DonationInput {
  @Field(() => Money, { description: 'The amount received, in đồng' })
  @Amount(MAX_AMOUNT.receipt)
  amount: number;

  @Field(() => PaymentMethod, { description: 'How the cash was paid' })
  method: PaymentMethod;

  @Field(() => FundingSource, { defaultValue: FundingSource.MOBILISED, description: 'A state budget allocation or the team fund has no sponsor or pledge' })
  source: FundingSource;
}

@InputType({ description: 'One line of an in-kind donation' })
export class GiftInput {
  @Field(() => ItemKind, { description: 'What kind of item it is' })
  itemKind: ItemKind;

  @Field({ description: 'What the items are, e.g. Mũ bảo hiểm' })
  @Length(2, 200)
  description: string;

  @Field(() => Int, { description: 'How many items were received' })
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

@InputType({ description: 'An in-kind donation received for a programme: its lots of items' })
export class InKindDonationInput extends DonationInput {
  @Field(() => [GiftInput], { description: 'The lots of items received' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  gifts: GiftInput[];
}

@InputType({ description: 'Items issued from a gift lot' })
export class AllocationInput extends IdempotentInput {
  @Field(() => ID, { description: 'The gift lot the items come from' })
  @Length(1, 36)
  giftId: string;

  @Field(() => Int, { description: 'How many items are issued' })
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => RecipientKind, { description: 'Who receives the items' })
  recipientKind: RecipientKind;

  @Field(() => ID, { nullable: true, description: 'TEAM or EVENT: its id' })
  @IsOptional()
  @Length(1, 36)
  recipientId?: string | null;

  @Field(() => String, { nullable: true, description: 'HOUSEHOLD: who received it (personal data)' })
  @IsOptional()
  @Length(2, 255)
  household?: string | null;

  @Field(() => LocalDateResolver, { description: 'When the items were issued' })
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

@InputType({ description: 'Cash spent for a programme, to be approved by an officer' })
export class ExpenseInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme the money was spent for' })
  @Length(1, 36)
  programmeId: string;

  @Field(() => ID, { nullable: true, description: 'An EXPENSE line of the programme’s budget' })
  @IsOptional()
  @Length(1, 36)
  budgetLineId?: string | null;

  @Field(() => Money, { description: 'The amount spent, in đồng' })
  @Amount(MAX_AMOUNT.expense)
  amount: number;

  @Field(() => LocalDateResolver, { description: 'When the money was spent' })
  @DateWithin(DATE_RANGES.happened)
  spentOn: string;

  @Field({ description: 'What was bought or paid for' })
  @Length(2, 500)
  description: string;

  @Field({ description: 'Invoice number or a link to its scan' })
  @Length(2, 500)
  evidence: string;
}

@InputType({ description: 'Someone who gives time to a unit’s programmes' })
export class VolunteerInput {
  @Field({ description: 'The unit the volunteer gives time to' })
  @Length(1, 20)
  unitCode: string;

  @Field({ description: 'The volunteer’s full name' })
  @Length(2, 120)
  fullName: string;

  @Field(() => String, { nullable: true, description: 'The volunteer’s phone number' })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their membership in a team, if they are a member' })
  @IsOptional()
  @Length(1, 36)
  memberId?: string | null;

  @Field({ defaultValue: '', description: 'What the volunteer can do, in words' })
  @Length(0, 500)
  skills: string;

  // Nullable in the schema so older clients still parse; the resolver refuses a registration without it.
  @Field(() => ResidentConsentInput, { nullable: true, description: CONSENT_REQUIRED })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;
}

@InputType({ description: 'Hours a volunteer gave, logged by the programme’s manager' })
export class VolunteerShiftInput {
  @Field(() => ID, { description: 'The volunteer who gave the hours' })
  @Length(1, 36)
  volunteerId: string;

  @Field(() => ID, { description: 'The programme the hours were given to' })
  @Length(1, 36)
  programmeId: string;

  @Field(() => LocalDateResolver, { description: 'The day the hours were given' })
  @DateWithin(DATE_RANGES.happened)
  workedOn: string;

  @Field(() => Float, { description: 'Hours, in quarter hours (e.g. 2.5)' })
  @Min(0.25)
  @Max(24)
  hours: number;

  @Field(() => String, { nullable: true, description: 'What the volunteer did' })
  @IsOptional()
  @Length(1, 300)
  activity?: string | null;
}

/** Shifts are planned from the programmes' first year to two years ahead. */
const EARLIEST_SHIFT = new Date('2020-01-01T00:00:00Z');
const latestShift = () => new Date(Date.now() + 2 * 366 * 24 * 60 * 60_000);

@InputType({ description: 'A shift a programme plans for volunteers' })
export class PlannedShiftInput extends IdempotentInput {
  @Field(() => ID, { description: 'The programme the shift belongs to' })
  @Length(1, 36)
  programmeId: string;

  @Field({ description: 'e.g. "Hướng dẫn cài VNeID tại nhà văn hoá thôn"' })
  @Length(2, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'Where the shift takes place' })
  @IsOptional()
  @Length(1, 200)
  place?: string | null;

  @Field(() => ID, { nullable: true, description: 'The event (events subgraph) the shift serves, if any' })
  @IsOptional()
  @Length(1, 36)
  eventId?: string | null;

  @Field({ description: 'When the shift starts' })
  @MinDate(EARLIEST_SHIFT)
  @MaxDate(latestShift)
  startsAt: Date;

  @Field({ description: 'When the shift ends' })
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
  @Field(() => ID, { description: 'The programme the hours were given to' })
  @Length(1, 36)
  programmeId: string;

  @Field(() => LocalDateResolver, { description: 'The day the hours were given' })
  @DateWithin(DATE_RANGES.happened)
  workedOn: string;

  @Field(() => Float, { description: 'Hours, in quarter hours (e.g. 2.5)' })
  @Min(0.25)
  @Max(24)
  hours: number;

  @Field(() => String, { nullable: true, description: 'What the volunteer did' })
  @IsOptional()
  @Length(1, 300)
  activity?: string | null;
}

@InputType({ description: 'The rules a team agreed for its fund of members’ contributions, as a new version' })
export class TeamFundRulesInput extends IdempotentInput {
  @Field(() => ID, { description: 'The team whose fund the rules govern' })
  @Length(1, 36)
  teamId: string;

  @Field({ description: 'The rules as agreed: who contributes how much and when, what the fund pays for, who keeps it' })
  @Length(10, 4000)
  rules: string;

  @Field(() => LocalDateResolver, { description: 'When the team agreed them (not before the version in force)' })
  @DateWithin(DATE_RANGES.happened)
  adoptedOn: string;
}
