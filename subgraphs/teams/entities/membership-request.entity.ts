import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { PhoneHashOf, SealedColumn } from '../../common/personal-data';
import { Affiliation, MemberRole, MembershipRequestKind, MembershipRequestStatus } from './enums';
import { Member } from './member.entity';
import { Person } from './person.entity';
import { Team } from './team.entity';

/**
 * Joining: a resident applies, the leader recommends, the commune chairman approves.
 * Leaving: the member asks, the leader proposes, the chairman approves.
 * Requests are never deleted: they are the history of who joined and left, and why.
 */
@ObjectType({ description: 'A resident’s request to join a team, or a member’s to leave it, on its way from the team leader to the commune chairman' })
@Entity('membership_request')
@Index('IDX_membership_request_team_status', ['teamId', 'status'])
export class MembershipRequest extends IdentifiedEntity {
  @Field(() => MembershipRequestKind, { description: 'Whether the person asks to join or to leave' })
  @Column({ type: 'varchar', length: 8 })
  kind: MembershipRequestKind;

  @Field(() => MembershipRequestStatus, { description: 'Where the request stands' })
  @Column({ type: 'varchar', length: 16, default: MembershipRequestStatus.PENDING })
  status: MembershipRequestStatus;

  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teamId', foreignKeyConstraintName: 'FK_membership_request_team' })
  team?: Team;

  /** LEAVE: the membership to end. JOIN: the membership created on approval. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  memberId: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_membership_request_member' })
  member?: Member;

  /** JOIN: the person, when they already exist (e.g. a commune team member joining a village team). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'personId', foreignKeyConstraintName: 'FK_membership_request_person' })
  person?: Person;

  /** JOIN of someone new: who applies (personal data). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  applicantName: string | null;

  @SealedColumn(15, { nullable: true })
  applicantPhone: string | null;

  /** Open requests of a team are compared by it: one per phone. */
  @PhoneHashOf('applicantPhone')
  applicantPhoneHash: string | null;

  @SealedColumn(255, { nullable: true })
  applicantAddress: string | null;

  /**
   * JOIN: with the applicant's phone, finds and withdraws the request without an account (see
   * findByReference); shown only in the answer to requestToJoin.
   */
  @Index('UQ_membership_request_reference', { unique: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  referenceCode: string | null;

  /** Look-ups of the code with a wrong phone; at MAX_FAILED_LOOKUPS the code finds nothing. */
  @Column({ type: 'int', default: 0 })
  failedLookups: number;

  /**
   * JOIN approved as a collaborator although MEMBER (or DEPUTY) was asked for: the member limit
   * the team had reached then, kept so the answer can say why.
   */
  @Field(() => Int, { nullable: true, description: 'JOIN approved: enrolled as a collaborator because the team had reached this member limit' })
  @Column({ type: 'int', nullable: true })
  enrolledAsCollaboratorAtLimit: number | null;

  @Field(() => Affiliation, { nullable: true, description: 'Where the applicant comes from' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  affiliation: Affiliation | null;

  @Field(() => MemberRole, { nullable: true, description: 'JOIN: the role asked for' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  requestedRole: MemberRole | null;

  @Field(() => String, { nullable: true, description: 'Why the person asks' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** Token subject of who filed it; null for a resident's own application. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  requestedBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recommendedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When the team leader recommended it' })
  @Column({ type: 'datetime', nullable: true })
  recommendedAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When the commune chairman approved or rejected it' })
  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The chairman’s remarks on the decision' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  @Field({ description: 'When the request was made' })
  @CreateDateColumn()
  createdAt: Date;
}
