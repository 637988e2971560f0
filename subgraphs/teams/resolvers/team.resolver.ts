import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { changesFrom } from '../../common/validation';
import { todayInVietnam } from '../../common/dates';
import { invalidInput, notFound } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { decidesAt, decidesForTeam, loadUnit, managesTeam } from '../access';
import { AdministrativeUnit, Member, MemberRole, provinceOf, SubGroup, Team, TeamStatus, UnitLevel } from '../entities';
import { activeMembersOfTeam, allMembersOfTeam, memberById, subGroupsOfTeam, teamById } from '../loaders';
import { enrol, lockTeam, replaceLeader } from '../services/roster';
import { recountTeam } from '../services/team-counts';
import { candidateFrom } from './candidates';
import { CreateSubGroupInput, CreateTeamInput, UpdateTeamInput } from './inputs';
import { t } from '../../common/messages';

export async function loadTeam(ctx: Context, id: string): Promise<Team> {
  const team = await ctx.loaders.get(teamById).load(id);
  if (!team) throw notFound('Team', id);
  return team;
}

/** Where a team's records sit in the tree, for the audit trail. */
export async function unitPathOf(ctx: Context, team: Team): Promise<string> {
  return (await loadUnit(ctx, team.unitCode)).path;
}

/** The team a keyed write answered the first time, for its retry. */
const replayTeam = (manager: EntityManager, id: string): Promise<Team> => manager.findOneByOrFail(Team, { id });

function checkDecisionDate(date: string | null | undefined): void {
  if (date && date > todayInVietnam()) throw invalidInput('decisionDate', t('problems.notInFuture'));
}

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { nullable: true, description: 'A team, by its identifier' })
  team(@Arg('id', () => ID, { description: 'The team’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Team | undefined> {
    return ctx.loaders.get(teamById).load(id);
  }

  @FieldResolver(() => AdministrativeUnit, { description: 'The unit the team belongs to' })
  unit(@Root() team: Team, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    return loadUnit(ctx, team.unitCode);
  }

  @FieldResolver(() => UnitLevel, { description: 'The level of the team’s unit: district, commune or village' })
  async level(@Root() team: Team, @Ctx() ctx: Context): Promise<UnitLevel> {
    return (await loadUnit(ctx, team.unitCode)).level;
  }

  @FieldResolver(() => [Member], { description: 'The roster: leader first, then deputies, members, collaborators' })
  members(
    @Root() team: Team,
    @Arg('includeFormer', { defaultValue: false, description: 'Also those who have left' }) includeFormer: boolean,
    @Ctx() ctx: Context,
  ): Promise<Member[]> {
    return ctx.loaders.get(includeFormer ? allMembersOfTeam : activeMembersOfTeam).load(team.id);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'The team leader; null while there is none' })
  async leader(@Root() team: Team, @Ctx() ctx: Context): Promise<Member | undefined> {
    const members = await ctx.loaders.get(activeMembersOfTeam).load(team.id);
    return members.find((member) => member.role === MemberRole.LEADER);
  }

  @FieldResolver(() => Int, { description: 'Active members, collaborators included' })
  async memberCount(@Root() team: Team, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(activeMembersOfTeam).load(team.id)).length;
  }

  @FieldResolver(() => [SubGroup], { description: 'The team’s sub-groups and clubs' })
  subGroups(@Root() team: Team, @Ctx() ctx: Context): Promise<SubGroup[]> {
    return ctx.loaders.get(subGroupsOfTeam).load(team.id);
  }

  @Mutation(() => Team, {
    description: 'Records a team established by the chairman’s decision, with its leader and first members',
  })
  async createTeam(
    @Arg('input', { description: 'The team and its first members' }) input: CreateTeamInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Team> {
    const unit = await loadUnit(ctx, input.unitCode);
    if (unit.level === UnitLevel.PROVINCE) {
      throw invalidInput('unitCode', t('problems.teamLevels'));
    }
    checkDecisionDate(input.decisionDate);
    ctx.viewer.insist(await decidesAt(ctx, unit), 'actions.setUpTeams');
    const candidates = await Promise.all([
      candidateFrom(ctx, { ...input.leader, role: MemberRole.LEADER }, 'leader'),
      ...input.members.map((member, index) => {
        if (member.role === MemberRole.LEADER) throw invalidInput(`members.${index}.role`, t('problems.leaderGivenAsLeader'));
        return candidateFrom(ctx, member, `members.${index}`);
      }),
    ]);

    return once(
      ctx.db,
      { scope: `createTeam:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input },
      async (manager) => {
        const team = await manager.save(
          manager.create(Team, {
            unitCode: unit.code,
            provinceCode: provinceOf(unit.path),
            name: input.name,
            decisionNumber: input.decisionNumber ?? null,
            decisionDate: input.decisionDate ?? null,
            status: TeamStatus.ACTIVE,
          }),
        );
        await recountTeam(ctx.db, manager, null, team);
        await enrol(manager, team, candidates, input.decisionDate ?? todayInVietnam());
        await audit(manager, ctx.viewer, { action: 'createTeam', entity: team, unitPath: unit.path, after: { ...team, members: candidates.length } });
        return team;
      },
      replayTeam,
    );
  }

  @Mutation(() => Team, { description: 'Renames, records the decision, suspends or dissolves a team' })
  async updateTeam(
    @Arg('id', () => ID, { description: 'The team to change' }) id: string,
    @Arg('input', { description: 'What changes; fields left out stay as they are' }) input: UpdateTeamInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Team> {
    const team = await loadTeam(ctx, id);
    ctx.viewer.insist(await decidesForTeam(ctx, team), 'actions.changeTeam');
    checkDecisionDate(input.decisionDate);
    const changes = changesFrom(input);
    return once(
      ctx.db,
      { scope: `updateTeam:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, ...changes } },
      async (manager) => {
        // Locked and read afresh: two changes of one team's status must not both move it in the team counts.
        const current = await lockTeam(ctx.db, manager, team.id);
        const before = { ...current };
        const after = await manager.save(Object.assign(current, changes));
        await recountTeam(ctx.db, manager, before, after);
        await audit(manager, ctx.viewer, { action: 'updateTeam', entity: after, unitPath: await unitPathOf(ctx, after), before, after });
        return after;
      },
      replayTeam,
    );
  }

  @Mutation(() => Team, { description: 'Makes a member the leader; the previous leader stays on as a member' })
  async appointLeader(@Arg('memberId', () => ID, { description: 'The member who becomes leader' }) memberId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Team> {
    const chosen = await ctx.loaders.get(memberById).load(memberId);
    if (!chosen?.active) throw notFound('Member', memberId);
    const team = await loadTeam(ctx, chosen.teamId);
    ctx.viewer.insist(await decidesForTeam(ctx, team), 'actions.appointLeader', { teamName: team.name });
    return once(
      ctx.db,
      { scope: `appointLeader:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { memberId } },
      async (manager) => {
        await lockTeam(ctx.db, manager, team.id);
        // Read afresh under the lock: the chosen member may have left meanwhile.
        if (!(await manager.findOneByOrFail(Member, { id: chosen.id })).active) throw notFound('Member', memberId);
        const previous = await replaceLeader(manager, team.id, chosen.id);
        await audit(manager, ctx.viewer, {
          action: 'appointLeader',
          entity: team,
          unitPath: await unitPathOf(ctx, team),
          before: { leaderMemberId: previous?.id ?? null },
          after: { leaderMemberId: chosen.id },
        });
        return team;
      },
      replayTeam,
    );
  }

  @Mutation(() => SubGroup, { description: 'Sets up a sub-group or club under a team' })
  async createSubGroup(
    @Arg('teamId', () => ID, { description: 'The team it belongs to' }) teamId: string,
    @Arg('input', { description: 'The sub-group' }) input: CreateSubGroupInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<SubGroup> {
    const team = await loadTeam(ctx, teamId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.addSubGroups', { teamName: team.name });
    return once(
      ctx.db,
      { scope: `createSubGroup:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { teamId, ...input } },
      async (manager) => {
        const subGroup = await manager.save(manager.create(SubGroup, { teamId: team.id, ...input }));
        await audit(manager, ctx.viewer, { action: 'createSubGroup', entity: subGroup, unitPath: await unitPathOf(ctx, team), after: subGroup });
        return subGroup;
      },
      (manager, id) => manager.findOneByOrFail(SubGroup, { id }),
    );
  }
}
