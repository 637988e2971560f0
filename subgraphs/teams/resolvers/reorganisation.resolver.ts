import { IsOptional, Length, Matches } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { rowsOf } from '../../common/loaders';
import type { Context } from '../../common/context';
import { invalidInput } from '../../common/errors';
import { AdministrativeUnit, UnitAlias, UnitLevel } from '../entities';
import { dissolveLevel, mergeUnits, moveUnit, renameUnit } from '../services/reorganisation';
import { currentCodesOf } from '../services/unit-succession';
import { t } from '../../common/messages';

const UNIT_CODE = /^[0-9A-Za-z.-]{1,20}$/;
const UNIT_CODE_MESSAGE = () => t('checks.unitCode');
const KEY_MESSAGE = () => t('checks.keyLength');

@InputType()
class Reorganisation {
  @Field(() => String, { nullable: true, description: 'Sent again with the same key, the change is made once' })
  @IsOptional()
  @Length(1, 100, { message: KEY_MESSAGE })
  idempotencyKey?: string | null;
}

@InputType({ description: 'A new name for an administrative unit (its code stays)' })
export class RenameUnitInput extends Reorganisation {
  @Field({ description: 'The code of the unit renamed' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  code: string;

  @Field({ description: 'The new name, e.g. Xã Tam Quang' })
  @Length(1, 200, { message: () => t('checks.unitNameLength') })
  name: string;
}

@InputType({ description: 'An administrative unit moved under another parent' })
export class MoveUnitInput extends Reorganisation {
  @Field({ description: 'The code of the unit that moves' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  code: string;

  @Field({ description: 'The unit it will sit under' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  parentCode: string;
}

@InputType({ description: 'One administrative unit merged into another of its level' })
export class MergeUnitsInput extends Reorganisation {
  @Field({ description: 'The unit that ends: its code stays as an alias of intoCode' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  code: string;

  @Field({ description: 'The unit of the same level that takes its area, children, teams and history' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  intoCode: string;
}

@InputType({ description: 'A tier of the hierarchy dissolved under one unit (the 2025 reform’s districts): its units move up to that unit' })
export class DissolveLevelInput extends Reorganisation {
  @Field({ description: 'The unit under which the level is dissolved, e.g. a province' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE })
  underCode: string;

  @Field(() => UnitLevel, { description: 'The level that goes, e.g. DISTRICT (the 2025 reform)' })
  level: UnitLevel;
}

@ObjectType({ description: 'What a unit code stands for now' })
class UnitCodeNow {
  @Field({ description: 'The code asked about' })
  code: string;

  @Field(() => [String], { description: 'For a code no longer in use: the units that now cover its area; else empty' })
  currentCodes: string[];
}

export const aliasesOfUnit = rowsOf(UnitAlias, 'unitCode', { formerCode: 'ASC' });

const MUTATION_ACCESS = 'ADMIN anywhere; an OFFICER over every unit it touches. Audited, idempotent with idempotencyKey; other subgraphs follow through unit events';

@Resolver(() => AdministrativeUnit)
export class ReorganisationResolver {
  @Mutation(() => AdministrativeUnit, { description: `Renames a unit. ${MUTATION_ACCESS}` })
  renameAdministrativeUnit(@Arg('input', { description: 'The unit and its new name' }) input: RenameUnitInput, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    return renameUnit(ctx, input);
  }

  @Mutation(() => AdministrativeUnit, { description: `Moves a unit, its subtree and teams under another unit. ${MUTATION_ACCESS}` })
  moveAdministrativeUnit(@Arg('input', { description: 'The unit and its new parent' }) input: MoveUnitInput, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    return moveUnit(ctx, input);
  }

  @Mutation(() => AdministrativeUnit, { description: `Merges a unit into another of its level; returns the one that stays. ${MUTATION_ACCESS}` })
  mergeAdministrativeUnits(@Arg('input', { description: 'The unit that ends and the unit that takes it over' }) input: MergeUnitsInput, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    return mergeUnits(ctx, input);
  }

  @Mutation(() => AdministrativeUnit, {
    description: `Dissolves every unit of a level under a unit (their children and teams move up; their codes stay as aliases); returns that unit. ${MUTATION_ACCESS}`,
  })
  dissolveAdministrativeLevel(@Arg('input', { description: 'The level that goes and the unit under which it goes' }) input: DissolveLevelInput, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    return dissolveLevel(ctx, input);
  }

  @Query(() => [UnitCodeNow], { description: 'What unit codes (a token’s, a paper’s) stand for now the tree has been reorganised' })
  async unitCodesNow(
    @Arg('codes', () => [String], { description: 'Unit codes, current or former' }) codes: string[],
    @Ctx() ctx: Context,
  ): Promise<UnitCodeNow[]> {
    if (codes.length > 100) throw invalidInput('codes', t('problems.max100UnitCodes'));
    const current = await currentCodesOf(ctx.db.manager, codes);
    return [...current].map(([code, currentCodes]) => ({ code, currentCodes }));
  }

  @FieldResolver(() => [UnitAlias], { description: 'Codes no longer in use whose area this unit now covers (merged or dissolved units)' })
  formerUnits(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<UnitAlias[]> {
    return ctx.loaders.get(aliasesOfUnit).load(unit.code);
  }
}
