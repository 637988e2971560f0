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

@InputType({ description: 'A platform a partner offers residents' })
export class PlatformInput {
  @Field({ description: 'The platform’s name' })
  @Length(2, 100)
  name: string;

  @Field(() => PlatformKind, { description: 'What kind of platform it is' })
  kind: PlatformKind;
}

@InputType({ description: 'A new partner enterprise' })
export class CreatePartnerInput {
  @Field({ description: 'The enterprise’s full name' })
  @Length(2, 200)
  name: string;

  @Field({ description: 'The name people know it by, e.g. VNPT' })
  @Length(2, 40)
  shortName: string;

  @Field(() => PartnerSector, { description: 'What the enterprise does' })
  sector: PartnerSector;

  @Field(() => [PlatformInput], { defaultValue: [], description: 'The platforms it offers residents' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  platforms: PlatformInput[];

  @Field(() => [String], { defaultValue: [], description: 'Codes of the units whose teams it serves' })
  @ArrayMaxSize(100)
  @Length(1, 20, { each: true })
  servedUnitCodes: string[];
}

@InputType({ description: 'Changes to a partner; fields left out stay as they are' })
export class UpdatePartnerInput {
  @Field(() => String, { nullable: true, description: 'The enterprise’s new full name' })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new short name' })
  @IsOptional()
  @Length(2, 40)
  shortName?: string | null;

  @Field(() => PartnerSector, { nullable: true, description: 'What the enterprise does' })
  sector?: PartnerSector | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the units it serves' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Length(1, 20, { each: true })
  servedUnitCodes?: string[] | null;
}

@InputType({ description: 'Someone to call at a partner’s branch' })
export class BranchContactInput extends ContactPersonInput {}

@InputType({ description: 'A partner’s provincial or local branch, e.g. Viettel Nghệ An' })
export class BranchInput {
  @Field({ description: 'e.g. "Viettel Nghệ An"' })
  @Length(2, 200)
  name: string;

  @Field({ description: 'The unit the branch covers (usually a province)' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => [BranchContactInput], { defaultValue: [], description: 'The branch’s contact people' })
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

@InputType({ description: 'A training a partner ran for team members' })
export class TrainingInput extends BatchRowInput {
  @Field({ description: 'What the training was called' })
  @Length(3, 200)
  title: string;

  @Field(() => BasicSkill, { nullable: true, description: 'The basic skill taught; or give platformId' })
  skill?: BasicSkill | null;

  @Field(() => ID, { nullable: true, description: 'The partner’s platform taught; or give skill' })
  @IsOptional()
  @Length(1, 36)
  platformId?: string | null;

  @Field(() => TrainingFormat, { description: 'Whether it was held in person or online' })
  format: TrainingFormat;

  @Field(() => LocalDateResolver, { description: 'When it was held' })
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

  @Field({ description: 'Who taught it' })
  @Length(2, 120)
  trainer: string;

  @Field({ description: 'The unit the training is for; invited teams must be in its subtree' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => [ID], { defaultValue: [], description: 'The teams invited' })
  @ArrayMaxSize(100)
  @Length(1, 36, { each: true })
  invitedTeamIds: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Members (from the teams subgraph) who attended' })
  @ArrayMaxSize(500)
  @Length(1, 36, { each: true })
  attendeeIds: string[];
}

@InputType({ description: 'Trainings a partner ran for team members' })
export class LogTrainingsInput {
  @Field(() => ID, { description: 'The partner that ran them' })
  @Length(1, 36)
  partnerId: string;

  @Field(() => [TrainingInput], { description: 'The trainings, one per row of the batch' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS)
  @ValidateNested({ each: true })
  trainings: TrainingInput[];
}

@InputType({ description: 'A team member who attended a training' })
export class AttendanceInput extends BatchRowInput {
  @Field(() => ID, { description: 'The training attended' })
  @Length(1, 36)
  trainingId: string;

  @Field(() => ID, { description: 'The team member who attended' })
  @Length(1, 36)
  memberId: string;
}

@InputType({ description: 'Team members who attended a partner’s trainings' })
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The partner that ran the trainings' })
  @Length(1, 36)
  partnerId: string;

  @Field(() => [AttendanceInput], { description: 'Who attended which training' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS * 10)
  @ValidateNested({ each: true })
  attendances: AttendanceInput[];
}

@InputType({ description: 'A household, business or co-operative onboarded onto a partner’s platform' })
export class OnboardingInput extends BatchRowInput {
  @Field(() => ID, { description: 'The platform they were onboarded onto' })
  @Length(1, 36)
  platformId: string;

  @Field(() => OnboardeeKind, { description: 'Who was onboarded: a household, a business or a co-operative' })
  onboardeeKind: OnboardeeKind;

  @Field({ description: 'The household’s head or the business’s name' })
  @Length(2, 200)
  name: string;

  @Field(() => String, { nullable: true, description: 'Their phone number' })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Their address' })
  @IsOptional()
  @Length(3, 300)
  address?: string | null;

  @Field(() => ID, { description: 'The team that helped' })
  @Length(1, 36)
  teamId: string;

  @Field(() => LocalDateResolver, { description: 'When they were onboarded' })
  @DateWithin(DATE_RANGES.happened)
  onboardedOn: string;

  @Field(() => OnboardingStatus, { defaultValue: OnboardingStatus.STARTED, description: 'Whether they use the platform' })
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

@InputType({ description: 'Households and businesses a partner’s platform took on with teams’ help' })
export class LogOnboardingsInput {
  @Field(() => ID, { description: 'The partner whose platforms they were onboarded onto' })
  @Length(1, 36)
  partnerId: string;

  @Field(() => [OnboardingInput], { description: 'The onboardings, one per household or business' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS)
  @ValidateNested({ each: true })
  onboardings: OnboardingInput[];
}

@InputType({ description: 'Changes to an onboarding; fields left out stay as they are' })
export class UpdateOnboardingInput {
  @Field(() => OnboardingStatus, { nullable: true, description: 'Whether they use the platform now' })
  status?: OnboardingStatus | null;

  @Field(() => Int, { nullable: true, description: 'On a marketplace: how many products the shop lists' })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  productsListed?: number | null;
}

@InputType({ description: 'A preferential price for team members' })
export class OfferInput {
  @Field(() => ID, { description: 'The partner that gives the offer' })
  @Length(1, 36)
  partnerId: string;

  @Field({ description: 'What is offered, e.g. Gói cước data 4G' })
  @Length(2, 200)
  service: string;

  @Field({ description: 'The terms, e.g. "Giảm 50% cước 6 tháng đầu"' })
  @Length(2, 300)
  discount: string;

  @Field(() => Int, { nullable: true, description: 'The discount, in percent' })
  @IsOptional()
  @Min(1)
  @Max(100)
  discountPercent?: number | null;

  @Field(() => LocalDateResolver, { description: 'The first day the offer holds' })
  @DateWithin(DATE_RANGES.planned)
  validFrom: string;

  @Field(() => LocalDateResolver, { description: 'The last day the offer holds' })
  @DateWithin(DATE_RANGES.agreementEnd)
  validUntil: string;

  @Field(() => [String], { description: 'Units whose teams’ members may take it (with their subtrees)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Length(1, 20, { each: true })
  unitCodes: string[];
}
