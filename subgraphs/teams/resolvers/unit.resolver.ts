import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, AuditTrailArgs, audit, auditTrailUnder } from '../../common/audit';
import { NATION_CODE, Role } from '../../common/auth';
import type { Context } from '../../common/context';
import { conflict, invalidInput } from '../../common/errors';
import { checkedKey, RETRY_KEY } from '../../common/idempotency';
import { Connection, PageArgs } from '../../common/pagination';
import { loadUnit } from '../access';
import { AdministrativeUnit, PARENT_LEVELS, Team, TeamStatus, UnitLevel } from '../entities';
import { teamById, unitByAnyCode, unitByCode, unitChildren } from '../loaders';
import { unitWrite } from '../services/reorganisation';
import { memberLimitAt } from '../services/roster';
import { teamsUnder } from '../services/teams-query';
import { CreateAdministrativeUnitInput, MemberLimitInput } from './inputs';
import { anyOf, t } from '../../common/messages';

@ObjectType({ description: 'A page of teams' })
export class TeamConnection extends Connection(Team) {}

@ArgsType()
export class TeamsArgs extends PageArgs {
  @Field(() => UnitLevel, { nullable: true, description: 'Only teams at units of this level' })
  level?: UnitLevel | null;

  @Field(() => TeamStatus, { nullable: true, description: 'Only teams in this status; all when left out' })
  status?: TeamStatus | null;
}

async function teamConnection(ctx: Context, unit: AdministrativeUnit, args: TeamsArgs): Promise<TeamConnection> {
  const page = await teamsUnder(ctx.db, unit, args, args);
  // Resolvers below (access checks, references) look teams up by id: they are already here.
  for (const team of page.nodes) ctx.loaders.get(teamById).prime(team.id, team);
  return new TeamConnection(page);
}

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitResolver {
  @Query(() => AdministrativeUnit, { nullable: true, description: 'An administrative unit, by its official code' })
  administrativeUnit(@Arg('code', { description: 'The unit’s official code' }) code: string, @Ctx() ctx: Context): Promise<AdministrativeUnit | undefined> {
    return ctx.loaders.get(unitByAnyCode).load(code);
  }

  @Query(() => [AdministrativeUnit], { description: 'The provinces (the units under the nation, VN)' })
  provinces(@Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    return ctx.db.manager.find(AdministrativeUnit, { where: { level: UnitLevel.PROVINCE }, order: { name: 'ASC' } });
  }

  @Query(() => TeamConnection, { description: 'Teams anywhere under a unit, by name' })
  async teams(@Arg('unitCode', { description: 'The unit whose teams to list' }) unitCode: string, @Args() args: TeamsArgs, @Ctx() ctx: Context): Promise<TeamConnection> {
    return teamConnection(ctx, await loadUnit(ctx, unitCode), args);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit it sits under; null for a province' })
  async parent(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit | undefined> {
    return unit.parentCode ? ctx.loaders.get(unitByCode).load(unit.parentCode) : undefined;
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'Units directly under this one, by name' })
  children(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    return ctx.loaders.get(unitChildren).load(unit.code);
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'From the province down to the parent' })
  async ancestors(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    const units = await ctx.loaders.get(unitByCode).loadMany(unit.ancestorCodes);
    return units.filter((ancestor): ancestor is AdministrativeUnit => ancestor instanceof AdministrativeUnit);
  }

  @FieldResolver(() => TeamConnection, { description: 'Teams anywhere under this unit, by name' })
  teamsUnder(@Root() unit: AdministrativeUnit, @Args() args: TeamsArgs, @Ctx() ctx: Context): Promise<TeamConnection> {
    return teamConnection(ctx, unit, args);
  }

  @FieldResolver(() => Int, { description: 'The member limit in force here (own, inherited or the default)' })
  effectiveMemberLimit(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<number> {
    return memberLimitAt(ctx.db.manager, unit);
  }

  @Mutation(() => AdministrativeUnit, { description: 'ADMIN anywhere; an OFFICER under a unit they oversee' })
  async createAdministrativeUnit(
    @Arg('input', { description: 'The new unit' }) input: CreateAdministrativeUnitInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<AdministrativeUnit> {
    ctx.viewer.requireSignedIn();
    // A province goes under the nation unless told otherwise; the nation itself is the migrations' and never made here (no level sits above it).
    const parentCode = input.parentCode ?? (input.level === UnitLevel.PROVINCE ? NATION_CODE : null);
    const parent = parentCode ? await loadUnit(ctx, parentCode) : undefined;
    const allowed = PARENT_LEVELS[input.level];
    if (!parent && allowed.length > 0) {
      throw invalidInput('parentCode', t('problems.levelMustSitUnder', { level: t(`enums.UnitLevel.${input.level}`), value: anyOf(allowed.map((level) => t(`enums.UnitLevel.${level}`))) }));
    }
    if (parent && !allowed.includes(parent.level)) {
      throw invalidInput('parentCode', t('problems.levelCannotSitUnder', { level: t(`enums.UnitLevel.${input.level}`), parentLevel: t(`enums.UnitLevel.${parent.level}`) }));
    }
    ctx.viewer.insist(parent ? ctx.viewer.oversees(parent.path) : ctx.viewer.has(Role.ADMIN), 'actions.createUnits');

    return unitWrite(ctx, 'createAdministrativeUnit', { ...input, idempotencyKey: checkedKey(idempotencyKey) }, async (manager) => {
      // A former code stays in use as an alias (old tokens and papers name it): it is taken too. Checked after
      // the key, so a retry of a unit made is answered with it rather than refused.
      if (await ctx.loaders.get(unitByAnyCode).load(input.code)) throw conflict(t('conflicts.unitCodeTaken', { code: input.code }));
      const unit = await manager.save(
        manager.create(AdministrativeUnit, {
          code: input.code,
          name: input.name,
          level: input.level,
          parentCode: parent?.code ?? null,
          path: `${parent?.path ?? '/'}${input.code}/`,
          memberLimit: null,
        }),
      );
      await audit(manager, ctx.viewer, { action: 'createAdministrativeUnit', entity: unit, entityId: unit.code, unitPath: unit.path, after: unit });
      return unit;
    });
  }

  @Mutation(() => AdministrativeUnit, { description: 'Sets how many members a team here may have before newcomers join as collaborators' })
  async setMemberLimit(@Arg('input', { description: 'The unit and its limit' }) input: MemberLimitInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    const unit = await loadUnit(ctx, input.unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.setMemberLimit');
    return unitWrite(ctx, 'setMemberLimit', { ...input, idempotencyKey: checkedKey(idempotencyKey) }, async (manager) => {
      const before = { memberLimit: unit.memberLimit };
      unit.memberLimit = input.limit ?? null;
      const saved = await manager.save(unit);
      const after = { memberLimit: saved.memberLimit };
      await audit(manager, ctx.viewer, { action: 'setMemberLimit', entity: unit, entityId: unit.code, unitPath: unit.path, before, after });
      return saved;
    });
  }

  @Query(() => [AuditEntry], { description: 'Changes to units, teams and members under a unit, newest first (officers over it; without a unit, admins: the whole trail)' })
  teamsAuditTrail(@Args() args: AuditTrailArgs, @Ctx() ctx: Context): Promise<AuditEntry[]> {
    return auditTrailUnder(ctx, args, async (code) => (await loadUnit(ctx, code)).path);
  }
}
