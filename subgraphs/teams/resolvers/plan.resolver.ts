import { LocalDateResolver } from 'graphql-scalars';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { DATE_RANGES, todayInVietnam } from '../../common/dates';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { insistDateWithin, insistDistinct } from '../../common/validation';
import { decidesForTeam, loadUnit, managesTeam } from '../access';
import { ActivityPlan, GUIDED_IN, Indicator, Member, PlanTheme, ProgrammeActivity, Team, WorkAssignment } from '../entities';
import { activeMembersOfTeam, memberById } from '../loaders';
import { assignmentsOfPlan, planOfTeam, programmeOfPlan, themesOfPlan } from '../loaders/reports';
import { readsReportsOf } from '../report-access';
import { ActivityPlanInput, PlanSectionsInput } from './report-types';
import { lockTeam } from '../services/roster';
import { insistNotRestricted } from './candidates';
import { loadTeam } from './team.resolver';
import { t } from '../../common/messages';

const SKILL_THEMES = {
  ONLINE_PUBLIC_SERVICES: 'Dịch vụ công trực tuyến',
  ONLINE_SHOPPING: 'Mua sắm trực tuyến',
  ONLINE_PAYMENT: 'Thanh toán trực tuyến',
  ONLINE_SAFETY: 'Bảo vệ bản thân trên môi trường mạng',
  OTHER_PLATFORMS: 'Các nền tảng số khác của địa phương',
} as const;

async function loadPlan(ctx: Context, id: string): Promise<{ plan: ActivityPlan; team: Team }> {
  const plan = await ctx.db.manager.findOneBy(ActivityPlan, { id });
  if (!plan) throw notFound('ActivityPlan', id);
  return { plan, team: await loadTeam(ctx, plan.teamId) };
}

@Resolver(() => PlanTheme)
export class PlanThemeResolver {
  @FieldResolver(() => Indicator, { nullable: true, description: 'The indicator of residents guided in the theme’s skill' })
  indicator(@Root() theme: PlanTheme): Indicator | null {
    return theme.skill ? GUIDED_IN[theme.skill] : null;
  }
}

@Resolver(() => WorkAssignment)
export class WorkAssignmentResolver {
  @FieldResolver(() => Member, { nullable: true, description: 'The member it is given to; null when no member is named' })
  async assignee(@Root() assignment: WorkAssignment, @Ctx() ctx: Context): Promise<Member | undefined> {
    return assignment.assigneeId ? ctx.loaders.get(memberById).load(assignment.assigneeId) : undefined;
  }

  @Mutation(() => WorkAssignment, { description: 'Ticks a piece of work off (or not): the team’s leaders, officers over it' })
  async setAssignmentDone(@Arg('id', () => ID, { description: 'The work assignment' }) id: string, @Arg('done', { description: 'Whether the work is done' }) done: boolean, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<WorkAssignment> {
    const assignment = await ctx.db.manager.findOneBy(WorkAssignment, { id });
    if (!assignment) throw notFound('WorkAssignment', id);
    const { team } = await loadPlan(ctx, assignment.planId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.changeTeamWork', { teamName: team.name });
    const unit = await loadUnit(ctx, team.unitCode);
    return once(
      ctx.db,
      { scope: `setAssignmentDone:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, done } },
      async (manager) => {
        const before = { ...assignment };
        const saved = await manager.save(Object.assign(assignment, { done }));
        await audit(manager, ctx.viewer, { action: 'setAssignmentDone', entity: saved, unitPath: unit.path, before, after: saved });
        return saved;
      },
      (manager, id) => manager.findOneByOrFail(WorkAssignment, { id }),
    );
  }
}

@Resolver(() => ActivityPlan)
export class ActivityPlanResolver {
  @FieldResolver(() => [PlanTheme], { description: 'The quarterly themes of the year' })
  themes(@Root() plan: ActivityPlan, @Ctx() ctx: Context): Promise<PlanTheme[]> {
    return ctx.loaders.get(themesOfPlan).load(plan.id);
  }

  @FieldResolver(() => [ProgrammeActivity], { description: 'The activity programme, by row number' })
  programme(@Root() plan: ActivityPlan, @Ctx() ctx: Context): Promise<ProgrammeActivity[]> {
    return ctx.loaders.get(programmeOfPlan).load(plan.id);
  }

  @FieldResolver(() => [WorkAssignment], { description: 'The work assigned to members, in the order of the form' })
  assignments(@Root() plan: ActivityPlan, @Ctx() ctx: Context): Promise<WorkAssignment[]> {
    return ctx.loaders.get(assignmentsOfPlan).load(plan.id);
  }

  @Mutation(() => ActivityPlan, {
    description: 'Writes a team’s plan for a year, replacing its themes, programme and assignments (until it is approved)',
  })
  async saveActivityPlan(@Arg('input', { description: 'The whole plan of the year' }) input: ActivityPlanInput, @Ctx() ctx: Context): Promise<ActivityPlan> {
    const team = await loadTeam(ctx, input.teamId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.writeTeamPlan', { teamName: team.name });
    insistDistinct(input.themes.map((theme) => theme.quarter), (index) => `themes.${index}.quarter`, (quarter) => t('problems.quarterTwice', { quarter }));
    input.themes.forEach((theme, index) => {
      if (!theme.skill && !theme.theme) throw invalidInput(`themes.${index}.theme`, t('problems.skillOrTheme'));
    });
    const members = await ctx.loaders.get(activeMembersOfTeam).load(team.id);
    input.assignments.forEach((assignment, index) => {
      if (assignment.assigneeId && !members.some((member) => member.id === assignment.assigneeId)) {
        throw invalidInput(`assignments.${index}.assigneeId`, t('problems.notActiveMember', { teamName: team.name }));
      }
    });
    // Work assigned before a member's processing was restricted stays (the same work, to the same member); nothing new is given to them.
    // Read directly, not through the request's loaders, which would answer the plan's fields with the rows replaced below.
    const stored = await ctx.db.manager.findOneBy(ActivityPlan, { teamId: team.id, year: input.year });
    const givenBefore = new Set((stored ? await ctx.db.manager.findBy(WorkAssignment, { planId: stored.id }) : []).map((row) => `${row.assigneeId}|${row.content}`));
    await Promise.all(
      input.assignments.map(async ({ assigneeId, content }, index) => {
        const member = assigneeId && !givenBefore.has(`${assigneeId}|${content}`) ? members.find((active) => active.id === assigneeId) : undefined;
        if (member) await insistNotRestricted(ctx, member.personId, `assignments.${index}.assigneeId`);
      }),
    );
    const unit = await loadUnit(ctx, team.unitCode);

    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `saveActivityPlan:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        // Under the team's lock, as approval takes it: a plan is not changed once approved, nor written twice at once.
        await lockTeam(ctx.db, manager, team.id);
        const existing = await manager.findOneBy(ActivityPlan, { teamId: team.id, year: input.year });
        if (existing?.approvedOn) throw conflict(t('conflicts.planApproved', { year: input.year, teamName: team.name }));
        const plan = await manager.save(Object.assign(existing ?? manager.create(ActivityPlan, { teamId: team.id, year: input.year }), { title: input.title }));
        for (const entity of [PlanTheme, ProgrammeActivity, WorkAssignment]) await manager.delete(entity, { planId: plan.id });
        await manager.save(
          input.themes.map((theme) =>
            manager.create(PlanTheme, { planId: plan.id, quarter: theme.quarter, skill: theme.skill ?? null, theme: theme.theme ?? SKILL_THEMES[theme.skill!] }),
          ),
        );
        await manager.save(input.programme.map((row, index) => manager.create(ProgrammeActivity, { ...row, planId: plan.id, position: index + 1 })));
        await manager.save(
          input.assignments.map((row, index) =>
            manager.create(WorkAssignment, { ...row, assigneeId: row.assigneeId ?? null, planId: plan.id, position: index + 1, done: false }),
          ),
        );
        await audit(manager, ctx.viewer, { action: 'saveActivityPlan', entity: plan, unitPath: unit.path, before: existing, after: { ...plan, ...request } });
        return plan;
      },
      (manager, id) => manager.findOneByOrFail(ActivityPlan, { id }),
    );
  }

  @Mutation(() => ActivityPlan, {
    description: 'Writes the sections of the plan as form 6.3 has them (purpose, time and place, participants, content, organisers, schedule), until it is approved',
  })
  async writePlanSections(@Arg('input', { description: 'The sections to write' }) input: PlanSectionsInput, @Ctx() ctx: Context): Promise<ActivityPlan> {
    const { idempotencyKey, ...request } = input;
    const { planId, ...sections } = request;
    const { team } = await loadPlan(ctx, planId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.writeTeamPlan', { teamName: team.name });
    // A section left out stays; an empty (or blank) one is cleared.
    const changes = Object.fromEntries(Object.entries(sections).flatMap(([name, text]) => (text === undefined ? [] : [[name, text?.trim() || null]])));
    const unit = await loadUnit(ctx, team.unitCode);
    return once(
      ctx.db,
      { scope: `writePlanSections:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        // Under the team's lock, as approval takes it: the sections are not changed once the plan is approved.
        await lockTeam(ctx.db, manager, team.id);
        const plan = await manager.findOneByOrFail(ActivityPlan, { id: planId });
        if (plan.approvedOn) throw conflict(t('conflicts.planApproved', { year: plan.year, teamName: team.name }));
        const before = { ...plan };
        const saved = await manager.save(Object.assign(plan, changes));
        await audit(manager, ctx.viewer, { action: 'writePlanSections', entity: saved, unitPath: unit.path, before, after: saved });
        return saved;
      },
      (manager, id) => manager.findOneByOrFail(ActivityPlan, { id }),
    );
  }

  @Mutation(() => ActivityPlan, { description: 'The commune chairman (an officer over the commune) approves a team’s plan' })
  async approveActivityPlan(
    @Arg('id', () => ID, { description: 'The plan to approve' }) id: string,
    @Arg('approvedOn', () => LocalDateResolver, { nullable: true, description: 'Defaults to today' }) approvedOn: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ActivityPlan> {
    insistDateWithin(approvedOn, DATE_RANGES.happened, 'approvedOn');
    const { team } = await loadPlan(ctx, id);
    ctx.viewer.insist(await decidesForTeam(ctx, team), 'actions.approveTeamPlan', { teamName: team.name });
    const date = approvedOn ?? todayInVietnam();
    if (date > todayInVietnam()) throw invalidInput('approvedOn', t('problems.notInFuture'));
    const unit = await loadUnit(ctx, team.unitCode);
    return once(
      ctx.db,
      { scope: `approveActivityPlan:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, approvedOn } },
      async (manager) => {
        await lockTeam(ctx.db, manager, team.id);
        const plan = await manager.findOneByOrFail(ActivityPlan, { id });
        if (plan.approvedOn) throw conflict(t('conflicts.planApprovedOn', { planApprovedOn: plan.approvedOn }));
        const before = { ...plan };
        const saved = await manager.save(Object.assign(plan, { approvedBy: ctx.viewer.subject, approvedOn: date }));
        await audit(manager, ctx.viewer, { action: 'approveActivityPlan', entity: saved, unitPath: unit.path, before, after: saved });
        return saved;
      },
      (manager, id) => manager.findOneByOrFail(ActivityPlan, { id }),
    );
  }
}

@Resolver(() => Team)
export class TeamPlanResolver {
  @FieldResolver(() => ActivityPlan, { nullable: true, description: 'Its plan for a year (whoever may read its reports)' })
  async plan(@Root() team: Team, @Arg('year', () => Int, { description: 'The year of the plan' }) year: number, @Ctx() ctx: Context): Promise<ActivityPlan | undefined> {
    const unit = await loadUnit(ctx, team.unitCode);
    ctx.viewer.insist(await readsReportsOf(ctx, team, unit.path), 'actions.readTeamPlan', { teamName: team.name });
    return ctx.loaders.get(planOfTeam).load(`${team.id}|${year}`);
  }
}
