import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Allocation } from '../entities';
import { allocationsOfPrize } from '../loaders';
import { handOverPrize } from '../services/prizes';
import { HandOverPrizeInput } from './inputs';
import { ContestPrize } from './references';

/** Contest prizes from in-kind stock: their hand-over is an allocation from the prize's lot. */
@Resolver(() => ContestPrize)
export class PrizeHandoverResolver {
  @FieldResolver(() => Allocation, { nullable: true, description: 'The prize handed over: the allocation from its lot to the winner; none yet' })
  async handover(@Root() prize: ContestPrize, @Ctx() ctx: Context): Promise<Allocation | null> {
    const [allocation] = await ctx.loaders.get(allocationsOfPrize).load(prize.id);
    return allocation ?? null;
  }

  @Mutation(() => Allocation, {
    description:
      'The event’s organisers hand a contest prize over to its winner: an allocation from the prize’s lot (never more than on hand); refused while entries tie at its rank, and once handed over',
  })
  handOverPrize(@Arg('input', { description: 'The prize, the day and, for a lot with codes, which codes' }) input: HandOverPrizeInput, @Ctx() ctx: Context): Promise<Allocation> {
    return handOverPrize(ctx, input);
  }
}
