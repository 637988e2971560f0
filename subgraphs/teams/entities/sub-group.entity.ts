import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SubGroupKind } from './enums';
import { Team } from './team.entity';

@ObjectType({ description: 'A sub-group or club inside a team (training group, livestream club…)' })
@Entity('sub_group')
export class SubGroup extends IdentifiedEntity {
  @Index('IDX_sub_group_team')
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'teamId', foreignKeyConstraintName: 'FK_sub_group_team' })
  team?: Team;

  @Field({ description: 'The sub-group’s name' })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Field(() => SubGroupKind, { description: 'What the sub-group does' })
  @Column({ type: 'varchar', length: 20 })
  kind: SubGroupKind;
}
