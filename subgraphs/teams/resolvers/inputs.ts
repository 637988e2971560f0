import { ArrayMaxSize, IsEnum, IsIn, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { CONSENT_REQUIRED, ResidentConsentInput } from '../../common/consent';
import { DATE_RANGES } from '../../common/dates';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateWithin, IsVietnamesePhone } from '../../common/validation';
import { Affiliation, MemberRole, NomineeKind, PersonalDataRequestKind, PersonalDataRequestStatus, SubGroupKind, TeamStatus, UnitLevel } from '../entities';
import { t } from '../../common/messages';

const UNIT_CODE = /^[0-9A-Za-z.-]{1,20}$/;
const UNIT_CODE_MESSAGE = () => t('checks.unitCode');

@InputType({ description: 'A new administrative unit, with its official code' })
export class CreateAdministrativeUnitInput {
  @Field({ description: 'Official code (e.g. 40 for a province, 17227 for a commune)' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  code: string;

  @Field({ description: 'The unit’s official name, e.g. Xã Tam Quang' })
  @Length(1, 200)
  name: string;

  @Field(() => UnitLevel, { description: 'Where the unit sits in the hierarchy' })
  level: UnitLevel;

  @Field(() => String, { nullable: true, description: 'Required for every level but PROVINCE' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  parentCode?: string | null;
}

@InputType({ description: 'A person taking a place in a team: someone new, or someone already in another team' })
export class NewMemberInput {
  @Field(() => ID, { nullable: true, description: 'Their membership in another team, when they already have one' })
  @IsOptional()
  @Length(36, 36)
  existingMemberId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required unless existingMemberId is given' })
  @IsOptional()
  @Length(2, 120)
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: 'The person’s phone number' })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'The person’s address' })
  @IsOptional()
  @Length(2, 255)
  address?: string | null;

  @Field(() => Affiliation, { description: 'Where the person comes from' })
  affiliation: Affiliation;

  @Field(() => MemberRole, { defaultValue: MemberRole.MEMBER, description: 'The person’s role in the team' })
  role: MemberRole;

  @Field({ defaultValue: false, description: 'Only for a DEPUTY: the one who stands in for the leader' })
  standingDeputy: boolean;
}

/** What the establishment decision says: its number and date. */
@InputType()
export class TeamDecisionInput {
  @Field(() => String, { nullable: true, description: 'The number of the commune chairman’s decision setting up the team' })
  @IsOptional()
  @Length(1, 50)
  decisionNumber?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The date of the commune chairman’s decision setting up the team' })
  @IsOptional()
  @DateWithin(DATE_RANGES.happened)
  decisionDate?: string | null;
}

@InputType({ description: 'A new team, set up by the commune chairman’s decision, with its first members' })
export class CreateTeamInput extends TeamDecisionInput {
  @Field({ description: 'The code of the unit (district, commune or village) the team belongs to' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  unitCode: string;

  @Field({ description: 'The team’s name, e.g. Tổ công nghệ số cộng đồng thôn An Lạc' })
  @Length(2, 200)
  name: string;

  @Field(() => NewMemberInput, { description: 'The team leader (its role is set to LEADER)' })
  @ValidateNested()
  leader: NewMemberInput;

  @Field(() => [NewMemberInput], { defaultValue: [], description: 'Up to 50 (beyond the member limit they join as collaborators)' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  members: NewMemberInput[];
}

@InputType({ description: 'Changes to a team; fields left out stay as they are' })
export class UpdateTeamInput extends TeamDecisionInput {
  @Field(() => String, { nullable: true, description: 'The team’s new name' })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => TeamStatus, { nullable: true, description: 'The team’s new status' })
  status?: TeamStatus | null;
}

@InputType({ description: 'A new sub-group or club under a team' })
export class CreateSubGroupInput {
  @Field({ description: 'The sub-group’s name, e.g. Nhóm livestream' })
  @Length(2, 120)
  name: string;

  @Field(() => SubGroupKind, { description: 'What the sub-group does' })
  kind: SubGroupKind;
}

@InputType({ description: 'A member’s contact details to change; fields left out stay as they are' })
export class ContactInput {
  @Field(() => String, { nullable: true, description: 'The new phone number' })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'The new address' })
  @IsOptional()
  @Length(2, 255)
  address?: string | null;
}

@InputType({ description: 'A resident’s application to join a team' })
export class JoinRequestInput {
  @Field(() => ID, { description: 'The team the resident applies to' })
  @Length(36, 36)
  teamId: string;

  @Field(() => NewMemberInput, { description: 'Who applies and the role they ask for' })
  @ValidateNested()
  applicant: NewMemberInput;

  @Field(() => String, { nullable: true, description: 'Why the resident wants to join' })
  @IsOptional()
  @Length(1, 500)
  reason?: string | null;
  @Field(() => String, { nullable: true, description: 'A retry with the same key never applies twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;

  @Field(() => ResidentConsentInput, { nullable: true, description: CONSENT_REQUIRED })
  @IsOptional()
  @ValidateNested()
  consent?: ResidentConsentInput | null;
}

@InputType({ description: 'A member’s request to leave their team' })
export class LeaveRequestInput {
  @Field(() => ID, { description: 'The membership to end' })
  @Length(36, 36)
  memberId: string;

  @Field(() => String, { nullable: true, description: 'Why the member wants to leave' })
  @IsOptional()
  @Length(1, 500)
  reason?: string | null;
  @Field(() => String, { nullable: true, description: 'A retry with the same key never files twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'The most members a unit’s teams may have, beyond which people join as collaborators' })
export class MemberLimitInput {
  @Field({ description: 'The unit whose limit it is (its teams and those of the units under it)' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  unitCode: string;

  @Field(() => Int, { nullable: true, description: '1 to 30 (the handbook’s ceiling); null to inherit from the unit above' })
  @IsOptional()
  @Min(1)
  @Max(30)
  limit?: number | null;
}

@InputType({ description: 'An emulation campaign a unit launches over a period, with its criteria' })
export class EmulationCampaignInput {
  @Field({ description: 'The launching unit (the caller oversees it)' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  unitCode: string;

  @Field({ description: 'e.g. "Chiến dịch đi từng ngõ, gõ từng nhà"' })
  @Length(5, 300)
  title: string;

  @Field(() => LocalDateResolver, { description: 'The first day of the campaign' })
  @DateWithin(DATE_RANGES.planned)
  startsOn: string;

  @Field(() => LocalDateResolver, { description: 'The last day of the campaign' })
  @DateWithin(DATE_RANGES.planned)
  endsOn: string;

  @Field(() => [String], { description: 'The criteria members and teams are judged by, one each (up to 20)' })
  @ArrayMaxSize(20)
  @Length(3, 300, { each: true })
  criteria: string[];

  @Field(() => Int, { defaultValue: 0, description: 'How many members each province may nominate for national recognition (0 to 10; 0: none)' })
  @Min(0)
  @Max(10)
  nominationsPerProvince: number;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never launches twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A member nominated for national recognition, with the ministry’s information form (seed 003, Phụ lục 2)' })
export class NominationInput {
  @Field(() => ID, { description: 'The campaign with places for provinces' })
  @Length(36, 36)
  campaignId: string;

  @Field(() => ID, { description: 'The member nominated (an active member of a team under the caller’s units)' })
  @Length(36, 36)
  memberId: string;

  @Field(() => Int, { nullable: true, description: 'The member’s year of birth (personal: only officers over the member see it)' })
  @IsOptional()
  @Min(1930)
  @Max(2015)
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Occupation or position (personal: only officers over the member see it)' })
  @IsOptional()
  @Length(2, 200)
  occupation?: string | null;

  @Field({ description: 'Achievements in words' })
  @Length(10, 2000)
  achievements: string;

  @Field(() => Int, { nullable: true, description: 'Residents guided; from the team’s reports in the campaign’s year when left out' })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  residentsGuided?: number | null;

  @Field(() => Int, { nullable: true, description: 'Household visits; from the team’s reports in the campaign’s year when left out' })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  householdVisits?: number | null;

  @Field(() => Int, { defaultValue: 0, description: 'Trainings attended, as Member.trainingsAttended (partners, through the gateway) lists them' })
  @Min(0)
  @Max(10_000)
  trainingsAttended: number;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never nominates twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A reward a unit proposes to the unit above for a member, a resident, a business or a partner' })
export class RewardProposalInput {
  @Field({ description: 'The proposing unit (a commune or district the caller oversees)' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  unitCode: string;

  @Field(() => ID, { nullable: true, description: 'The campaign it recognises, if any' })
  @IsOptional()
  @Length(36, 36)
  campaignId?: string | null;

  @Field(() => NomineeKind, { description: 'Who the reward is for' })
  nomineeKind: NomineeKind;

  @Field({ description: 'The person’s or organisation’s name' })
  @Length(2, 200)
  fullName: string;

  @Field(() => ID, { nullable: true, description: 'Required for a MEMBER: their membership, in a team under the proposing unit' })
  @IsOptional()
  @Length(36, 36)
  memberId?: string | null;

  @Field({ description: 'The reward proposed, e.g. "Giấy khen của Chủ tịch UBND tỉnh"' })
  @Length(3, 200)
  rewardTitle: string;

  @Field({ description: 'Achievements in words (public once approved: no contacts here)' })
  @Length(10, 2000)
  achievements: string;

  @Field(() => ResidentConsentInput, {
    nullable: true,
    description: 'A member’s or resident’s consent to be named on the public honour roll; without it they are listed without their name',
  })
  @IsOptional()
  @ValidateNested()
  publicNameConsent?: ResidentConsentInput | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never proposes twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Corrected values: given by the person with a correction request; accepted by the officer, applied by every subgraph to the person’s records' })
export class PersonalDataCorrectionInput {
  @Field(() => String, { nullable: true, description: 'The person’s full name as it should read' })
  @IsOptional()
  @Length(1, 100)
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: 'The person’s address as it should read' })
  @IsOptional()
  @Length(1, 255)
  address?: string | null;
}

@InputType({ description: 'A person asks the hub to correct, erase or restrict the data it holds about them' })
export class PersonalDataRequestInput {
  @Field(() => PersonalDataRequestKind, { description: 'What they ask' })
  @IsEnum(PersonalDataRequestKind)
  kind: PersonalDataRequestKind;

  @Field({ description: 'The unit whose officers should handle it: the commune (or ward) where the person lives or was served' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  unitCode: string;

  @Field(() => String, { nullable: true, description: 'In the person’s words: a correction needs these or `correction` (what is wrong, what is right)' })
  @IsOptional()
  @Length(0, 1000)
  details?: string | null;

  @Field(() => PersonalDataCorrectionInput, {
    nullable: true,
    description: 'A correction only: the full name and address as they should read (kept sealed, shown to the officers over the unit to fill their form, gone once handled)',
  })
  @IsOptional()
  @ValidateNested()
  correction?: PersonalDataCorrectionInput | null;

  @Field(() => String, { nullable: true, description: 'A retry with the same key never files twice' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'An officer’s outcome for a request about personal data' })
export class PersonalDataRequestOutcomeInput {
  @Field(() => ID, { description: 'The request' })
  @Length(1, 36)
  id: string;

  @Field(() => PersonalDataRequestStatus, { description: 'DONE or REFUSED' })
  @IsIn([PersonalDataRequestStatus.DONE, PersonalDataRequestStatus.REFUSED], { message: () => t('checks.doneOrRefused') })
  outcome: PersonalDataRequestStatus;

  @Field({ description: 'Why, in Vietnamese, for the person (what was done, or the legal ground for refusing)' })
  @Length(1, 500, { message: () => t('checks.reasonMax500') })
  reason: string;

  @Field(() => PersonalDataCorrectionInput, {
    nullable: true,
    description: 'A correction done: the corrected values, applied in every subgraph that holds them (left out: the officer corrected the records by hand)',
  })
  @IsOptional()
  @ValidateNested()
  correction?: PersonalDataCorrectionInput | null;
}
