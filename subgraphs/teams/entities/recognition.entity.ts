import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Member } from './member.entity';

/**
 * Emulation and recognition (thi đua, khen thưởng: seeds 000 §4.8, 003, 004): a unit's campaigns
 * with their criteria, the members each province nominates for national recognition, and the
 * rewards communes and districts propose up the tree, whose approved ones make the honour roll.
 */

/** Who a reward is proposed for. */
export enum NomineeKind {
  MEMBER = 'MEMBER',
  RESIDENT = 'RESIDENT',
  BUSINESS = 'BUSINESS',
  PARTNER = 'PARTNER',
}
registerEnumType(NomineeKind, {
  name: 'NomineeKind',
  description: 'Who a reward is proposed for',
  valuesConfig: {
    MEMBER: { description: 'A member of a team (named publicly only with their consent)' },
    RESIDENT: { description: 'A resident (named publicly only with their consent)' },
    BUSINESS: { description: 'A business or co-operative (named publicly)' },
    PARTNER: { description: 'A partner enterprise (named publicly)' },
  },
});

/** People are named on the honour roll only with their consent; organisations always. */
export const PERSONAL_NOMINEES: readonly NomineeKind[] = [NomineeKind.MEMBER, NomineeKind.RESIDENT];

export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'Where a reward proposal stands',
  valuesConfig: {
    PROPOSED: { description: 'On its way up the tree: waiting for the officers of the level it has reached (as nationalStatus: sent on to the national level, waiting for it)' },
    APPROVED: { description: 'Approved at the top of the tree (the province): on the honour roll (as nationalStatus: approved nationally, on the national honour roll)' },
    DECLINED: { description: 'Declined, with a reason' },
    RETURNED: { description: 'Returned to the proposing unit with a reason, to send again or withdraw' },
    WITHDRAWN: { description: 'Withdrawn by whoever proposed it before it was decided' },
  },
});

/** What the national level (officers over VN) decides on a province's nomination (seed 003: the provinces' members recognised nationally). */
export enum NominationDecision {
  SELECTED = 'SELECTED',
  NOT_SELECTED = 'NOT_SELECTED',
}
registerEnumType(NominationDecision, {
  name: 'NominationDecision',
  description: 'What the national level decides on a province’s nomination',
  valuesConfig: {
    SELECTED: { description: 'Selected for national recognition' },
    NOT_SELECTED: { description: 'Not selected (a reason is required)' },
  },
});

export enum ProposalDecision {
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
  DECLINE = 'DECLINE',
}
registerEnumType(ProposalDecision, {
  name: 'ProposalDecision',
  description: 'What the officers of the level a reward proposal has reached decide on it',
  valuesConfig: {
    APPROVE: { description: 'Approve it at this level: it goes on to the level above, or onto the honour roll at the top' },
    RETURN: { description: 'Return it to the proposing unit to rework (a reason is required)' },
    DECLINE: { description: 'Decline it (a reason is required)' },
  },
});

@ObjectType({ description: 'An emulation campaign (phong trào thi đua) of a unit over a period, with its criteria' })
@Entity('emulation_campaign')
@Index('IDX_emulation_campaign_unit', ['unitPath', 'startsOn'])
export class EmulationCampaign extends IdentifiedEntity {
  @Field({ description: 'The unit that launched it' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field({ description: 'e.g. "Chiến dịch đi từng ngõ, gõ từng nhà"' })
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => LocalDateResolver, { description: 'The first day of the campaign' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDateResolver, { description: 'The last day of the campaign' })
  @Column({ type: 'date' })
  endsOn: string;

  /** One criterion a line. */
  @Column({ type: 'varchar', length: 4000 })
  criteriaText: string;

  @Field(() => Int, { description: 'How many members each province may nominate for national recognition (0: no nominations)' })
  @Column({ type: 'integer', default: 0 })
  nominationsPerProvince: number;

  @Column({ type: 'varchar', length: 100 })
  createdBy: string;

  @Field({ description: 'When it was recorded' })
  @CreateDateColumn()
  createdAt: Date;

  get criteria(): string[] {
    return this.criteriaText.split('\n').filter(Boolean);
  }
}

/**
 * A member a province nominates under a campaign, with the ministry's information form (seed 003,
 * Phụ lục 2). The province's places are numbered 1..nominationsPerProvince and unique, so two
 * officers nominating at once cannot exceed them.
 */
@ObjectType({ description: 'A member nominated by their province for national recognition under a campaign, with the information form' })
@Entity('nomination')
@Index('UQ_nomination_place', ['campaignId', 'provinceCode', 'place'], { unique: true })
@Index('UQ_nomination_member', ['campaignId', 'memberId'], { unique: true })
export class Nomination extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  campaignId: string;

  @ManyToOne(() => EmulationCampaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId', foreignKeyConstraintName: 'FK_nomination_campaign' })
  campaign?: EmulationCampaign;

  @Column({ type: 'varchar', length: 36 })
  memberId: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_nomination_member' })
  member?: Member;

  @Field({ description: 'The province whose places it takes' })
  @Column({ type: 'varchar', length: 20 })
  provinceCode: string;

  @Field(() => Int, { description: 'Which of the province’s places (1 to the campaign’s nominationsPerProvince)' })
  @Column({ type: 'integer' })
  place: number;

  /** The member's team's unit, for officers' scopes. */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Column({ type: 'integer', nullable: true })
  birthYear: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  occupation: string | null;

  @Field({ description: 'Achievements in words' })
  @Column({ type: 'varchar', length: 2000 })
  achievements: string;

  @Field(() => Int, { description: 'Residents the member guided (in the year of the campaign: from the team’s reports unless given)' })
  @Column({ type: 'integer' })
  residentsGuided: number;

  @Field(() => Int, { description: 'Household visits (from the team’s reports unless given)' })
  @Column({ type: 'integer' })
  householdVisits: number;

  @Field(() => Int, { description: 'Trainings the member attended (as the partners recorded them: Member.trainingsAttended through the gateway)' })
  @Column({ type: 'integer', default: 0 })
  trainingsAttended: number;

  @Column({ type: 'varchar', length: 100 })
  nominatedBy: string;

  @Field(() => NominationDecision, { nullable: true, description: 'The national level’s decision (officers over VN); null while it waits' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  nationalDecision: NominationDecision | null;

  @Field(() => String, { nullable: true, description: 'Why the national level decided so (required when not selected)' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  nationalReason: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  nationalDecidedBy: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the national level decided' })
  @Column({ type: 'date', nullable: true })
  nationalDecidedOn: string | null;

  @Field({ description: 'When it was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

/**
 * A reward a commune or district proposes. It goes up the tree one level at a time: the officers
 * of each unit above the proposer approve it (on to the next level) or return or decline it; the
 * province's approval puts it on the honour roll. Whoever proposed it never decides it.
 */
@ObjectType({ description: 'A reward proposed by a unit for a member, a resident, a business or a partner, approved level by level up the tree' })
@Entity('reward_proposal')
@Index('IDX_reward_proposal_unit', ['unitPath', 'status'])
export class RewardProposal extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36, nullable: true })
  campaignId: string | null;

  @ManyToOne(() => EmulationCampaign, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId', foreignKeyConstraintName: 'FK_reward_proposal_campaign' })
  campaign?: EmulationCampaign;

  @Field({ description: 'The proposing unit' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field(() => NomineeKind, { description: 'Who the reward is for' })
  @Column({ type: 'varchar', length: 12 })
  nomineeKind: NomineeKind;

  /** The nominee's name: personal for members and residents (audited without it). */
  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  memberId: string | null;

  @Field({ description: 'The reward proposed, e.g. "Giấy khen của Chủ tịch UBND tỉnh"' })
  @Column({ type: 'varchar', length: 200 })
  rewardTitle: string;

  @Field({ description: 'Achievements in words (shown on the honour roll once approved)' })
  @Column({ type: 'varchar', length: 2000 })
  achievements: string;

  @Field(() => ProposalStatus, { description: 'Where the proposal stands' })
  @Column({ type: 'varchar', length: 10 })
  status: ProposalStatus;

  @Column({ type: 'varchar', length: 100 })
  proposedBy: string;

  /** How many units above the proposer have approved it: the next to decide is the one above those. */
  @Field(() => Int, { description: 'How many levels above the proposing unit have approved it so far' })
  @Column({ type: 'integer', default: 0 })
  levelsApproved: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it was last decided on (approved at the top, returned or declined)' })
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was returned or declined' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  decisionReason: string | null;

  /**
   * Approved by its province, it may be sent on to the national level: PROPOSED while it waits
   * there, then APPROVED (on the national honour roll) or DECLINED; null when never sent on.
   */
  @Field(() => ProposalStatus, { nullable: true, description: 'At the national level: PROPOSED (sent on by the province, waiting), APPROVED (national honour roll) or DECLINED; null when not sent on' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  nationalStatus: ProposalStatus | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  nationalSentBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  nationalDecidedBy: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the national level decided' })
  @Column({ type: 'date', nullable: true })
  nationalDecidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why the national level declined it' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  nationalReason: string | null;

  @Field({ description: 'When it was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}
