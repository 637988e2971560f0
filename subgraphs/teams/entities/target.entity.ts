import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, UpdateDateColumn } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Indicator } from './indicators';

/** How much a team, or a unit's whole subtree, should reach on one indicator in one period. */
@ObjectType({ description: 'How much a team, or a unit’s whole subtree, should reach on one indicator in one period' })
@Entity('target')
@Index('UQ_target_scope_period_indicator', ['scope', 'period', 'indicator'], { unique: true })
export class Target extends IdentifiedEntity {
  /** `unit:<code>` or `team:<id>`: one key for both kinds, so the unique index holds without NULLs. */
  @Column({ type: 'varchar', length: 60 })
  scope: string;

  @Field({ description: 'The unit, or the team’s unit' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Field(() => String, { nullable: true, description: 'Set for a team’s own target' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Field({ description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' })
  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Field(() => Indicator, { description: 'What is counted' })
  @Column({ type: 'varchar', length: 40 })
  indicator: Indicator;

  @Field(() => Int, { description: 'The count to reach' })
  @Column({ type: 'integer' })
  value: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  setBy: string | null;

  @Field({ description: 'When the target was last set' })
  @UpdateDateColumn()
  updatedAt: Date;
}

export const unitScope = (unitCode: string) => `unit:${unitCode}`;
export const teamScope = (teamId: string) => `team:${teamId}`;
