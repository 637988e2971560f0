import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Affiliation, MemberRole } from './enums';
import { Person } from './person.entity';
import { Team } from './team.entity';

@ObjectType({ description: 'One membership of one person in one team; leaving keeps the row (history)' })
@Directive('@key(fields: "id")')
@Entity('member')
@Index('IDX_member_team_left', ['teamId', 'leftOn'])
export class Member extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teamId', foreignKeyConstraintName: 'FK_member_team' })
  team?: Team;

  @Index('IDX_member_person')
  @Column({ type: 'varchar', length: 36 })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'personId', foreignKeyConstraintName: 'FK_member_person' })
  person?: Person;

  @Field(() => MemberRole, { description: 'The member’s role in the team' })
  @Column({ type: 'varchar', length: 20 })
  role: MemberRole;

  @Field({ description: 'The deputy who stands in for the leader (at most one per team)' })
  @Column({ type: 'boolean', width: 1, default: false })
  standingDeputy: boolean;

  @Field(() => Affiliation, { description: 'Where the member comes from' })
  @Column({ type: 'varchar', length: 20 })
  affiliation: Affiliation;

  @Field(() => LocalDateResolver, { description: 'When the member joined the team' })
  @Column({ type: 'date' })
  joinedOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the member left the team; null while a member' })
  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  @Field({ description: 'When the membership was recorded' })
  @CreateDateColumn()
  createdAt: Date;

  get active(): boolean {
    return this.leftOn === null;
  }
}
