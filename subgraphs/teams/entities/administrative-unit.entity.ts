import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UnitLevel } from './enums';

/** The code of the province a unit is in, from its materialised path (`/40/17227/` → `40`). */
export const provinceOf = (path: string): string => path.split('/')[1];

@ObjectType({ description: 'The nation (VN), a province, district, commune or village, by its official code' })
@Directive('@key(fields: "code")')
@Entity('administrative_unit')
export class AdministrativeUnit {
  @Field(() => ID, { description: 'The unit’s official code (e.g. 40 for a province, 17227 for a commune)' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Field({ description: 'The unit’s official name, e.g. Xã Tam Quang' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => UnitLevel, { description: 'Where the unit sits in the hierarchy' })
  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Field(() => String, { nullable: true, description: 'The code of the unit it sits under: VN (the nation) for a province; null for the nation' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => AdministrativeUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parentCode', foreignKeyConstraintName: 'FK_unit_parent' })
  parent?: AdministrativeUnit;

  /** Materialised path of codes from the root, `/40/17227/`: a subtree is one indexed prefix scan. The nation, the root, is `/`. */
  @Field({ description: 'Codes from the province down to this unit, e.g. /40/17227/ (other subgraphs store it); / for the nation' })
  @Index('IDX_unit_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Most members (not counting collaborators) a team here may have; unset: inherited, else 10',
  })
  @Column({ type: 'integer', nullable: true })
  memberLimit: number | null;

  /** Codes of this unit's ancestors, root first. */
  get ancestorCodes(): string[] {
    return this.path.split('/').filter(Boolean).slice(0, -1);
  }
}
