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

@InputType()
export class OrganiserInput {
  @Field({ description: 'The organiser’s token subject' })
  @Length(1, 100)
  subject: string;

  @Field()
  @Length(2, 120)
  name: string;
}

@InputType()
export class CreateEventInput {
  @Field({ description: 'The organising unit (officers over it create events)' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => EventKind)
  kind: EventKind;

  @Field()
  @Length(3, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  description?: string | null;

  @Field()
  @Length(3, 200)
  venue: string;

  @Field(() => VenueKind)
  venueKind: VenueKind;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned)
  startsOn: string;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned)
  endsOn: string;

  @Field(() => LocalDateResolver, { nullable: true })
  @IsOptional()
  @DateWithin(DATE_RANGES.planned)
  applicationDeadline?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Teams taking part' })
  @ArrayMaxSize(100)
  @Length(1, 36, { each: true })
  teamIds: string[];

  @Field(() => [OrganiserInput], { defaultValue: [] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  organisers: OrganiserInput[];
}

@InputType()
export class StallCategoryInput {
  @Field()
  @Length(2, 120)
  name: string;

  @Field(() => StallKind)
  kind: StallKind;

  @Field(() => Admission)
  admission: Admission;

  @Field(() => Int, { description: 'How many stalls; they get codes prefix + 01, 02…' })
  @Min(1)
  @Max(500)
  capacity: number;

  @Field(() => Money, { defaultValue: 0 })
  @Amount(MAX_AMOUNT.stallFee, 0)
  fee: number;

  @Field({ defaultValue: '3 m × 3 m' })
  @Length(1, 40)
  size: string;

  @Field({ description: 'Letters before the stall numbers on the map, e.g. "A"' })
  @Matches(/^[A-Z]{1,3}$/, { message: () => t('checks.stallPrefix') })
  codePrefix: string;
}

@InputType()
export class StallApplicationInput {
  @Field(() => ID)
  @Length(1, 36)
  categoryId: string;

  @Field(() => ExhibitorKind)
  exhibitorKind: ExhibitorKind;

  @Field(() => ID, { nullable: true, description: 'For PARTNER exhibitors: the partner (its own token)' })
  @IsOptional()
  @Length(1, 36)
  partnerId?: string | null;

  @Field()
  @Length(2, 200)
  exhibitorName: string;

  @Field()
  @Length(2, 120)
  contactName: string;

  @Field()
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

@InputType()
export class ContestPrizeInput {
  @Field(() => Int)
  @Min(1)
  @Max(20)
  rank: number;

  @Field()
  @Length(2, 200)
  description: string;

  @Field(() => ID, { nullable: true, description: 'An in-kind gift lot of the resources subgraph' })
  @IsOptional()
  @Length(1, 36)
  giftId?: string | null;
}

@InputType()
export class ContestInput {
  @Field(() => ContestKind)
  kind: ContestKind;

  @Field()
  @Length(3, 200)
  title: string;

  @Field(() => [ContestPrizeInput], { defaultValue: [] })
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
  entryIds: string[];
}

@InputType()
export class ContestEntryInput {
  @Field()
  @Length(2, 200)
  entrant: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 36)
  teamId?: string | null;

  @Field()
  @Length(2, 200)
  title: string;

  @Field(() => ResidentConsentInput, { nullable: true, description: `An entrant who is not a team: ${CONSENT_REQUIRED}` })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;
}

@InputType()
export class SkillTallyInput {
  @Field(() => BasicSkill)
  skill: BasicSkill;

  @Field(() => Int)
  @Min(0)
  @Max(1_000_000)
  residentsHelped: number;
}

@InputType()
export class EventTalliesInput {
  @Field(() => [SkillTallyInput])
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  residentsHelped: SkillTallyInput[];

  @Field(() => Int)
  @Min(0)
  @Max(1_000_000)
  accountsOpened: number;

  @Field(() => Int)
  @Min(0)
  @Max(1_000_000)
  shopsOnboarded: number;
}

