import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum UnitSuccession {
  /** Merged into another unit of its level (two communes become one). */
  MERGED = 'MERGED',
  /** A tier dissolved (the 2025 reform's districts): its units now sit under its parent. */
  DISSOLVED = 'DISSOLVED',
}
registerEnumType(UnitSuccession, {
  name: 'UnitSuccession',
  description: 'How a unit code stopped being in use',
  valuesConfig: {
    MERGED: { description: 'Merged into another unit of its level (two communes become one)' },
    DISSOLVED: { description: 'A tier dissolved (the 2025 reform’s districts): its units now sit under its parent' },
  },
});

/**
 * A code no longer in use and a unit that now covers (part of) its area: one row for a merged
 * unit (its successor), one per former child for a dissolved one. Lookups, tokens' unit scopes
 * and roll-ups under an old code resolve through these rows; a later merge of a successor
 * rewrites them, so an old code always names units that exist.
 */
@ObjectType({ description: 'A former unit code and a unit that now covers its area' })
@Entity('unit_alias')
@Index('IDX_unit_alias_unit', ['unitCode'])
export class UnitAlias {
  @Field({ description: 'The code no longer in use' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  formerCode: string;

  @Field({ description: 'A unit that now covers the former unit’s area, or part of it' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  unitCode: string;

  @Field({ description: 'The former unit’s name, as it was' })
  @Column({ type: 'varchar', length: 200 })
  formerName: string;

  @Field(() => UnitSuccession, { description: 'How the former code stopped being in use' })
  @Column({ type: 'varchar', length: 16 })
  succession: UnitSuccession;

  @Field({ description: 'When the change was recorded' })
  @CreateDateColumn()
  recordedAt: Date;
}
