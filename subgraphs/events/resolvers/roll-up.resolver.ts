import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { subtreeKey, subtreeSums, unitRollUpReference } from '../../common/roll-up';
import { EventTally } from '../entities';

export const { UnitRollUp, referenceResolvers: rollUpReferenceResolvers } = unitRollUpReference();
type UnitRollUp = InstanceType<typeof UnitRollUp>;

/** Tallies of events in the subtree that started in the period. */
const residentsHelpedUnder = subtreeSums(
  (db, from, to) =>
    db.manager
      .createQueryBuilder(EventTally, 'tally')
      .innerJoin('tally.event', 'event')
      .where('event.startsOn BETWEEN :from AND :to', { from, to }),
  'event.unitPath',
  'tally.residentsHelped',
);

@Resolver(() => UnitRollUp)
export class UnitRollUpEventsResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Residents helped at fairs and campaigns in the subtree (their tallies), for signed-in callers' })
  async residentsHelpedAtEvents(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    ctx.viewer.requireSignedIn();
    return ctx.loaders.get(residentsHelpedUnder).load(await subtreeKey(ctx, rollUp));
  }
}
