import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { notFound } from '../../common/errors';
import { exportPaperAs, PaperFormat } from '../../common/papers';
import { ExportedFile } from '../../common/spreadsheets';
import { loadUnit } from '../access';
import type { ActivityPlan, AdministrativeUnit, Member, Person, Team } from '../entities';
import { memberById, personById } from '../loaders';
import { restrictedAmong } from '../../common/restriction';
import { assignmentsOfPlan, planOfTeam, programmeOfPlan, themesOfPlan } from '../loaders/reports';
import { readsReportsOf } from '../report-access';
import { activityPlanPaper, activityProgrammePaper, teamHeading, workAssignmentsPaper } from '../services/plan-papers';
import { loadTeam } from './team.resolver';
import { t } from '../../common/messages';

/** A team's plan of a year for whoever may read it (its reports' readers), refused when there is none. */
async function readablePlan(ctx: Context, teamId: string, year: number): Promise<{ team: Team; unit: AdministrativeUnit; plan: ActivityPlan }> {
  const team = await loadTeam(ctx, teamId);
  const unit = await loadUnit(ctx, team.unitCode);
  ctx.viewer.insist(await readsReportsOf(ctx, team, unit.path), 'actions.readTeamPlan', { teamName: team.name });
  const plan = await ctx.loaders.get(planOfTeam).load(`${team.id}|${year}`);
  if (!plan) throw notFound('ActivityPlan', `${team.id}|${year}`);
  return { team, unit, plan };
}

/** A team's plan printed in the handbook's forms: the plan (6.3), the activity programme (6.2) and the work assignments (6.5). */
@Resolver()
export class PlanPaperResolver {
  @Query(() => ExportedFile, { description: 'A team’s plan of a year in the handbook’s form 6.3 (its six sections, the quarterly themes, the programme’s timing), PDF (default) or XLSX' })
  async activityPlanFile(
    @Arg('teamId', () => ID, { description: 'The team whose plan it is' }) teamId: string,
    @Arg('year', () => Int, { description: 'The year of the plan' }) year: number,
    @Arg('format', () => PaperFormat, { defaultValue: PaperFormat.PDF, description: 'The file’s format' }) format: PaperFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const { team, unit, plan } = await readablePlan(ctx, teamId, year);
    const [themes, rows] = await Promise.all([ctx.loaders.get(themesOfPlan).load(plan.id), ctx.loaders.get(programmeOfPlan).load(plan.id)]);
    return exportPaperAs(format, `ke-hoach-hoat-dong-${year}-${team.id.slice(0, 8)}`, activityPlanPaper(teamHeading(team, unit, plan), plan, themes, rows), 'Kế hoạch hoạt động');
  }

  @Query(() => ExportedFile, { description: 'A team’s activity programme of a year in the handbook’s form 6.2, XLSX (default) or PDF' })
  async activityProgrammeFile(
    @Arg('teamId', () => ID, { description: 'The team whose plan it is' }) teamId: string,
    @Arg('year', () => Int, { description: 'The year of the plan' }) year: number,
    @Arg('format', () => PaperFormat, { defaultValue: PaperFormat.XLSX, description: 'The file’s format' }) format: PaperFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const { team, unit, plan } = await readablePlan(ctx, teamId, year);
    const rows = await ctx.loaders.get(programmeOfPlan).load(plan.id);
    return exportPaperAs(format, `chuong-trinh-hoat-dong-${year}-${team.id.slice(0, 8)}`, activityProgrammePaper(teamHeading(team, unit, plan), plan, rows), 'Chương trình hoạt động');
  }

  @Query(() => ExportedFile, { description: 'A team’s work assignments of a year in the handbook’s form 6.5, with members’ names, XLSX (default) or PDF' })
  async workAssignmentsFile(
    @Arg('teamId', () => ID, { description: 'The team whose plan it is' }) teamId: string,
    @Arg('year', () => Int, { description: 'The year of the plan' }) year: number,
    @Arg('format', () => PaperFormat, { defaultValue: PaperFormat.XLSX, description: 'The file’s format' }) format: PaperFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const { team, unit, plan } = await readablePlan(ctx, teamId, year);
    const assignments = await ctx.loaders.get(assignmentsOfPlan).load(plan.id);
    const memberIds = [...new Set(assignments.flatMap((assignment) => (assignment.assigneeId ? [assignment.assigneeId] : [])))];
    const members = (await ctx.loaders.get(memberById).loadMany(memberIds)).filter((member): member is Member => Boolean(member) && !(member instanceof Error));
    const people = (await ctx.loaders.get(personById).loadMany(members.map((member) => member.personId))) as (Person | undefined)[];
    // A member whose processing is restricted is not named in a new copy of the form (the assignment stays).
    const restricted = await restrictedAmong(ctx.db.manager, people.map((person) => person?.phoneHash ?? null));
    const nameOf = (person: Person | undefined) => (person?.phoneHash && restricted.has(person.phoneHash) ? t('words.processingRestricted') : (person?.fullName ?? ''));
    const names = new Map(members.map((member, index) => [member.id, nameOf(people[index])]));
    return exportPaperAs(format, `phan-cong-${year}-${team.id.slice(0, 8)}`, workAssignmentsPaper(teamHeading(team, unit, plan), plan, assignments, names), 'Phân công công việc');
  }
}
