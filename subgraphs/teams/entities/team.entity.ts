import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { AdministrativeUnit } from './administrative-unit.entity';
import { TeamStatus } from './enums';

@ObjectType({ description: 'A community digital technology team (Tổ công nghệ số cộng đồng)' })
@Directive('@key(fields: "id")')
@Entity('team')
@Index('IDX_team_province_name', ['provinceCode', 'name', 'id'])
export class Team extends IdentifiedEntity {
  @Index('IDX_team_unit')
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitCode', foreignKeyConstraintName: 'FK_team_unit' })
  unit?: AdministrativeUnit;

  /**
   * The code of the province the team's unit is in (the first code of its path), kept with the
   * tree by the reorganisations: a page of a province's teams reads IDX_team_province_name in the
   * page's order (name, id) and stops after the page, where it sorted the province's ~2,800 teams.
   */
  @Column({ type: 'varchar', length: 20 })
  provinceCode: string;

  @Field({ description: 'The team’s name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Number of the commune chairman’s establishment decision' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  decisionNumber: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The date of the commune chairman’s decision setting up the team' })
  @Column({ type: 'date', nullable: true })
  decisionDate: string | null;

  @Field(() => TeamStatus, { description: 'Whether the team is active, suspended or dissolved' })
  @Column({ type: 'varchar', length: 16, default: TeamStatus.ACTIVE })
  status: TeamStatus;

  @Field({ description: 'When the team was recorded in the hub' })
  @CreateDateColumn()
  createdAt: Date;
}
