import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';

/**
 * A version of the rules a team agreed for its fund of members' contributions (handbook II §5.2).
 * Versions are kept: a new text adds one. The team is the teams subgraph's, referred to by id only.
 */
@ObjectType({ description: 'A version of the rules a team agreed for its fund of members’ contributions; every version is kept' })
@Entity('team_fund_rules')
@Index('UQ_team_fund_rules_team_version', ['teamId', 'version'], { unique: true })
export class TeamFundRules extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  /** The team's unit when written: the audit trail's scope (officers' rights are looked up live). */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field(() => Int, { description: 'Version within the team, from 1' })
  @Column({ type: 'integer' })
  version: number;

  @Field({ description: 'The rules as the team agreed them: who contributes how much and when, what the fund pays for, who keeps it' })
  @Column({ type: 'text' })
  rules: string;

  @Field(() => LocalDateResolver, { description: 'When the team agreed them: in force from that day until the next version' })
  @Column({ type: 'date' })
  adoptedOn: string;

  /** Token subject of who recorded them (not exposed: who wrote what is in the audit trail). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Field({ description: 'When this version was recorded in the hub' })
  @CreateDateColumn()
  recordedAt: Date;
}
