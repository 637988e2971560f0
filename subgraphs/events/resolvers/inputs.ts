import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { CONSENT_REQUIRED, ResidentConsentInput } from '../../common/consent';
import { DATE_RANGES } from '../../common/dates';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Amount, MAX_AMOUNT, Money } from '../../common/money';
import { BasicSkill } from '../../common/skills';
import { DateWithin, IsVietnamesePhone } from '../../common/validation';
import { Admission, ContestKind, EventKind, ExhibitorKind, HouseholdShownAs, StallKind, VenueKind } from '../entities';
import { t } from '../../common/messages';

@InputType({ description: 'A user who organises an event' })
export class OrganiserInput {
  @Field({ description: 'The organiser’s token subject' })
  @Length(1, 100)
  subject: string;

  @Field({ description: 'The organiser’s name' })
  @Length(2, 120)
  name: string;
}

@InputType({ description: 'A new event: a fair, a campaign or a training day' })
export class CreateEventInput {
  @Field({ description: 'The organising unit (officers over it create events)' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => EventKind, { description: 'What kind of event it is' })
  kind: EventKind;

  @Field({ description: 'The event’s title' })
  @Length(3, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'What the event is about' })
  @IsOptional()
  @Length(1, 2000)
  description?: string | null;

  @Field({ description: 'Where the event is held, e.g. Nhà văn hoá thôn An Lạc' })
  @Length(3, 200)
  venue: string;

  @Field(() => VenueKind, { description: 'What kind of place the venue is' })
  venueKind: VenueKind;

  @Field(() => LocalDateResolver, { description: 'The event’s first day' })
  @DateWithin(DATE_RANGES.planned)
  startsOn: string;

  @Field(() => LocalDateResolver, { description: 'The event’s last day' })
  @DateWithin(DATE_RANGES.planned)
  endsOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The last day exhibitors may apply for a stall' })
  @IsOptional()
  @DateWithin(DATE_RANGES.planned)
  applicationDeadline?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Teams taking part' })
  @ArrayMaxSize(100)
  @Length(1, 36, { each: true })
  teamIds: string[];

  @Field(() => [OrganiserInput], { defaultValue: [], description: 'The users who organise the event' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  organisers: OrganiserInput[];
}

@InputType({ description: 'A kind of stall at an event' })
export class StallCategoryInput {
  @Field({ description: 'The category’s name' })
  @Length(2, 120)
  name: string;

  @Field(() => StallKind, { description: 'What the stalls are for' })
  kind: StallKind;

  @Field(() => Admission, { description: 'How applications are admitted' })
  admission: Admission;

  @Field(() => Int, { description: 'How many stalls; they get codes prefix + 01, 02…' })
  @Min(1)
  @Max(500)
  capacity: number;

  @Field(() => Money, { defaultValue: 0, description: 'The fee for a stall, in đồng (0 for free)' })
  @Amount(MAX_AMOUNT.stallFee, 0)
  fee: number;

  @Field({ defaultValue: '3 m × 3 m', description: 'The size of a stall, in words' })
  @Length(1, 40)
  size: string;

  @Field({ description: 'Letters before the stall numbers on the map, e.g. "A"' })
  @Matches(/^[A-Z]{1,3}$/, { message: () => t('checks.stallPrefix') })
  codePrefix: string;
}

@InputType({ description: 'An exhibitor’s application for a stall' })
export class StallApplicationInput {
  @Field(() => ID, { description: 'The stall category applied for' })
  @Length(1, 36)
  categoryId: string;

  @Field(() => ExhibitorKind, { description: 'Who exhibits' })
  exhibitorKind: ExhibitorKind;

  @Field(() => ID, { nullable: true, description: 'For PARTNER exhibitors: the partner (its own token)' })
  @IsOptional()
  @Length(1, 36)
  partnerId?: string | null;

  @Field({ description: 'The exhibitor’s name' })
  @Length(2, 200)
  exhibitorName: string;

  @Field({ description: 'The contact person’s name' })
  @Length(2, 120)
  contactName: string;

  @Field({ description: 'The contact person’s phone number' })
  @IsVietnamesePhone()
  contactPhone: string;

  @Field({ description: 'What it will show or sell' })
  @Length(3, 500)
  offering: string;

  @Field(() => HouseholdShownAs, {
    nullable: true,
    description: 'HOUSEHOLD only: how the public pages show it, by an alias or by its village (never its name); left out, neither is shown',
  })
  @IsOptional()
  shownAs?: HouseholdShownAs | null;

  @Field(() => String, { nullable: true, description: 'With shownAs: the alias, or the village (e.g. "thôn Phú Nhuận")' })
  @IsOptional()
  @Length(2, 120)
  shownLabel?: string | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never books twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;

  @Field(() => ResidentConsentInput, { nullable: true, description: `All but PARTNER exhibitors: ${CONSENT_REQUIRED}` })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;
}

@InputType({ description: 'A prize for a rank of a contest' })
export class ContestPrizeInput {
  @Field(() => Int, { description: 'The rank the prize is for: 1 for first' })
  @Min(1)
  @Max(20)
  rank: number;

  @Field({ description: 'What the prize is' })
  @Length(2, 200)
  description: string;

  @Field(() => ID, { nullable: true, description: 'An in-kind gift lot of the resources subgraph' })
  @IsOptional()
  @Length(1, 36)
  giftId?: string | null;
}

@InputType({ description: 'A contest at an event' })
export class ContestInput {
  @Field(() => ContestKind, { description: 'What kind of contest it is' })
  kind: ContestKind;

  @Field({ description: 'The contest’s title' })
  @Length(3, 200)
  title: string;

  @Field(() => [ContestPrizeInput], { defaultValue: [], description: 'The prizes, by rank' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  prizes: ContestPrizeInput[];
}

@InputType({ description: 'The organisers’ order among contest entries tied on one score' })
export class BreakContestTieInput {
  @Field(() => ID, { description: 'The contest' })
  @Length(1, 36)
  contestId: string;

  @Field(() => [ID], { description: 'Every entry with that score, best first' })
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @Length(1, 36, { each: true })
  entryIds: string[];

  @Field(() => String, { nullable: true, description: 'A retry with the same key changes nothing, even after the entries were scored again since' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'An entry in a contest' })
export class ContestEntryInput {
  @Field({ description: 'Who enters: a person’s or a group’s name' })
  @Length(2, 200)
  entrant: string;

  @Field(() => ID, { nullable: true, description: 'The team the entrant represents, if any' })
  @IsOptional()
  @Length(1, 36)
  teamId?: string | null;

  @Field({ description: 'What is entered, e.g. the film’s title' })
  @Length(2, 200)
  title: string;

  @Field(() => ResidentConsentInput, { nullable: true, description: `An entrant who is not a team: ${CONSENT_REQUIRED}` })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never enters twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Residents helped with one basic skill' })
export class SkillTallyInput {
  @Field(() => BasicSkill, { description: 'The basic skill' })
  skill: BasicSkill;

  @Field(() => Int, { description: 'How many residents were helped with it' })
  @Min(0)
  @Max(1_000_000)
  residentsHelped: number;
}

@InputType({ description: 'Counts of what was done at an event, nothing personal' })
export class EventTalliesInput {
  @Field(() => [SkillTallyInput], { description: 'Residents helped, per basic skill' })
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  residentsHelped: SkillTallyInput[];

  @Field(() => Int, { description: 'Bank or e-wallet accounts opened' })
  @Min(0)
  @Max(1_000_000)
  accountsOpened: number;

  @Field(() => Int, { description: 'Shops put onto e-commerce platforms' })
  @Min(0)
  @Max(1_000_000)
  shopsOnboarded: number;
}

