import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { subtreeKey, subtreeSums, unitRollUpReference } from '../../common/roll-up';
import { Attendance, Onboarding, OnboardingStatus, Training } from '../entities';

export const { UnitRollUp, referenceResolvers: rollUpReferenceResolvers } = unitRollUpReference();
type UnitRollUp = InstanceType<typeof UnitRollUp>;

const trainingsUnder = subtreeSums(
  (db, from, to) => db.manager.createQueryBuilder(Training, 'training').where('training.heldOn BETWEEN :from AND :to', { from, to }),
  'training.unitPath',
);
/** Attendance by members of teams in the subtree. */
const attendanceUnder = subtreeSums(
  (db, from, to) =>
    db.manager
      .createQueryBuilder(Attendance, 'attendance')
      .innerJoin('attendance.training', 'training')
      .where('training.heldOn BETWEEN :from AND :to', { from, to }),
  'attendance.teamUnitPath',
);
const onboardingsUnder = subtreeSums(
  (db, from, to) =>
    db.manager
      .createQueryBuilder(Onboarding, 'onboarding')
      .where('onboarding.onboardedOn BETWEEN :from AND :to', { from, to })
      .andWhere('onboarding.status <> :abandoned', { abandoned: OnboardingStatus.ABANDONED }),
  'onboarding.teamUnitPath',
);

/** Partners' work in a roll-up's subtree and period (counts only, for signed-in callers). */
@Resolver(() => UnitRollUp)
export class UnitRollUpPartnerWorkResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Trainings partners held for units in the subtree' })
  async trainingsHeld(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    ctx.viewer.requireSignedIn();
    return ctx.loaders.get(trainingsUnder).load(await subtreeKey(ctx, rollUp));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Attendances of the subtree’s team members at partners’ trainings' })
  async membersTrained(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    ctx.viewer.requireSignedIn();
    return ctx.loaders.get(attendanceUnder).load(await subtreeKey(ctx, rollUp));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Households and businesses the subtree’s teams helped onto partners’ platforms (not abandoned)' })
  async onboardings(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    ctx.viewer.requireSignedIn();
    return ctx.loaders.get(onboardingsUnder).load(await subtreeKey(ctx, rollUp));
  }
}
