import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsUrl,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { CONSENT_REQUIRED, ResidentConsentInput } from '../../common/consent';
import { DATE_RANGES } from '../../common/dates';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BasicSkill } from '../../common/skills';
import { ContactPersonInput } from '../../common/contact';
import { DateWithin, IsVietnamesePhone } from '../../common/validation';
import { OnboardeeKind, OnboardingStatus, PartnerSector, PlatformKind, TrainingFormat } from '../entities';
import { t } from '../../common/messages';

/** The most rows one batch may carry; larger loads are sent as several batches. */
export const MAX_BATCH_ROWS = 200;

@InputType()
export class PlatformInput {
  @Field()
  @Length(2, 100)
  name: string;

  @Field(() => PlatformKind)
  kind: PlatformKind;
}

@InputType()
export class CreatePartnerInput {
  @Field()
  @Length(2, 200)
  name: string;

  @Field()
  @Length(2, 40)
  shortName: string;

  @Field(() => PartnerSector)
  sector: PartnerSector;

  @Field(() => [PlatformInput], { defaultValue: [] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  platforms: PlatformInput[];

  @Field(() => [String], { defaultValue: [], description: 'Codes of the units whose teams it serves' })
  @ArrayMaxSize(100)
  @Length(1, 20, { each: true })
  servedUnitCodes: string[];
}

@InputType()
export class UpdatePartnerInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 40)
  shortName?: string | null;

  @Field(() => PartnerSector, { nullable: true })
  sector?: PartnerSector | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the units it serves' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Length(1, 20, { each: true })
  servedUnitCodes?: string[] | null;
}

@InputType()
export class BranchContactInput extends ContactPersonInput {}

@InputType()
export class BranchInput {
  @Field({ description: 'e.g. "Viettel Nghệ An"' })
  @Length(2, 200)
  name: string;

  @Field({ description: 'The unit the branch covers (usually a province)' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => [BranchContactInput], { defaultValue: [] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  contacts: BranchContactInput[];
}

@InputType({ description: 'One row of a batch: sending it again with the same key never writes it twice' })
abstract class BatchRowInput {
  @Field({ description: 'Unique per row and partner, e.g. the id of the row in your own system' })
  @Length(8, 100)
  idempotencyKey: string;
}

@InputType()
export class TrainingInput extends BatchRowInput {
  @Field()
  @Length(3, 200)
  title: string;

  @Field(() => BasicSkill, { nullable: true, description: 'The basic skill taught; or give platformId' })
  skill?: BasicSkill | null;

  @Field(() => ID, { nullable: true, description: 'The partner’s platform taught; or give skill' })
  @IsOptional()
  @Length(1, 36)
  platformId?: string | null;

  @Field(() => TrainingFormat)
  format: TrainingFormat;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned) // a training may be logged ahead, to invite members
  heldOn: string;

  @Field(() => String, { nullable: true, description: 'Required in person' })
  @IsOptional()
  @Length(3, 300)
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'Required online: an https link' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: () => t('checks.httpsLink') })
  link?: string | null;

  @Field()
  @Length(2, 120)
  trainer: string;

  @Field({ description: 'The unit the training is for; invited teams must be in its subtree' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(100)
  @Length(1, 36, { each: true })
  invitedTeamIds: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Members (from the teams subgraph) who attended' })
  @ArrayMaxSize(500)
  @Length(1, 36, { each: true })
  attendeeIds: string[];
}

@InputType()
export class LogTrainingsInput {
  @Field(() => ID)
  @Length(1, 36)
  partnerId: string;

  @Field(() => [TrainingInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS)
  @ValidateNested({ each: true })
  trainings: TrainingInput[];
}

@InputType()
export class AttendanceInput extends BatchRowInput {
  @Field(() => ID)
  @Length(1, 36)
  trainingId: string;

  @Field(() => ID)
  @Length(1, 36)
  memberId: string;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID)
  @Length(1, 36)
  partnerId: string;

  @Field(() => [AttendanceInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS * 10)
  @ValidateNested({ each: true })
  attendances: AttendanceInput[];
}

@InputType()
export class OnboardingInput extends BatchRowInput {
  @Field(() => ID)
  @Length(1, 36)
  platformId: string;

  @Field(() => OnboardeeKind)
  onboardeeKind: OnboardeeKind;

  @Field({ description: 'The household’s head or the business’s name' })
  @Length(2, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(3, 300)
  address?: string | null;

  @Field(() => ID, { description: 'The team that helped' })
  @Length(1, 36)
  teamId: string;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.happened)
  onboardedOn: string;

  @Field(() => OnboardingStatus, { defaultValue: OnboardingStatus.STARTED })
  status: OnboardingStatus;

  @Field(() => Int, { nullable: true, description: 'Products listed, for shops on a marketplace' })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  productsListed?: number | null;

  @Field(() => ResidentConsentInput, { nullable: true, description: `HOUSEHOLD: ${CONSENT_REQUIRED}` })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;
}

@InputType()
export class LogOnboardingsInput {
  @Field(() => ID)
  @Length(1, 36)
  partnerId: string;

  @Field(() => [OnboardingInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS)
  @ValidateNested({ each: true })
  onboardings: OnboardingInput[];
}

@InputType()
export class UpdateOnboardingInput {
  @Field(() => OnboardingStatus, { nullable: true })
  status?: OnboardingStatus | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  productsListed?: number | null;
}

@InputType()
export class OfferInput {
  @Field(() => ID)
  @Length(1, 36)
  partnerId: string;

  @Field()
  @Length(2, 200)
  service: string;

  @Field({ description: 'The terms, e.g. "Giảm 50% cước 6 tháng đầu"' })
  @Length(2, 300)
  discount: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(100)
  discountPercent?: number | null;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.planned)
  validFrom: string;

  @Field(() => LocalDateResolver)
  @DateWithin(DATE_RANGES.agreementEnd)
  validUntil: string;

  @Field(() => [String], { description: 'Units whose teams’ members may take it (with their subtrees)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Length(1, 20, { each: true })
  unitCodes: string[];
}
