import { Arg, Args, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { Allocation, Gift, ItemKind, Receipt, RecipientKind } from '../entities';
import type { SelectQueryBuilder } from 'typeorm';

@ObjectType({ description: 'In-kind stock of one kind of item across a unit’s lots (its whole subtree)' })
export class StockCount {
  @Field(() => ItemKind, { description: 'What kind of item' })
  itemKind: ItemKind;

  @Field(() => Int, { description: 'Items received in all the lots' })
  received = 0;

  @Field(() => Int, { description: 'Items issued to teams' })
  issuedToTeams = 0;

  @Field(() => Int, { description: 'Items issued to events' })
  issuedToEvents = 0;

  @Field(() => Int, { description: 'Items issued to households' })
  issuedToHouseholds = 0;

  @Field(() => Int, { description: 'All items issued' })
  get issued(): number {
    return this.issuedToTeams + this.issuedToEvents + this.issuedToHouseholds;
  }

  @Field(() => Int, { description: 'Still in stock: received less issued' })
  get onHand(): number {
    return this.received - this.issued;
  }
}

const ISSUED_TO: Record<RecipientKind, 'issuedToTeams' | 'issuedToEvents' | 'issuedToHouseholds'> = {
  [RecipientKind.TEAM]: 'issuedToTeams',
  [RecipientKind.EVENT]: 'issuedToEvents',
  [RecipientKind.HOUSEHOLD]: 'issuedToHouseholds',
};

@ObjectType({ description: 'A page of gift lots' })
export class GiftConnection extends Connection(Gift) {}

/** Lots whose receipt a unit in the subtree took in (the gift is `gift`). */
function lotsUnder<T extends object>(query: SelectQueryBuilder<T>, unitPath: string): SelectQueryBuilder<T> {
  return query.innerJoin(Receipt, 'receipt', 'receipt.id = gift.receiptId').where('receipt.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
}

@Resolver()
export class StockResolver {
  @Query(() => GiftConnection, {
    description: 'The gift lots across a unit’s subtree, by description (officers over the unit): what each issued to whom, with its codes',
  })
  async giftLots(@Arg('unitCode', { description: 'The unit whose lots to list (its whole subtree)' }) unitCode: string, @Args() args: PageArgs, @Ctx() ctx: Context): Promise<GiftConnection> {
    const { unitPath } = await ctx.units.unit(unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.seeUnitStock');
    const query = lotsUnder(ctx.db.manager.createQueryBuilder(Gift, 'gift'), unitPath);
    return new GiftConnection(await paginate(query, { column: 'gift.description', valueOf: (gift) => gift.description }, args));
  }

  @Query(() => [StockCount], { description: 'Stock counts per kind of item across a unit’s lots, by kind (officers over the unit)' })
  async stockCounts(@Arg('unitCode', { description: 'The unit whose stock to count (its whole subtree)' }) unitCode: string, @Ctx() ctx: Context): Promise<StockCount[]> {
    const { unitPath } = await ctx.units.unit(unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.seeUnitStock');
    const [received, issued] = await Promise.all([
      lotsUnder(ctx.db.manager.createQueryBuilder(Gift, 'gift'), unitPath)
        .select('gift.itemKind', 'itemKind')
        .addSelect('SUM(gift.quantity)', 'quantity')
        .groupBy('gift.itemKind')
        .getRawMany<{ itemKind: ItemKind; quantity: string | number }>(),
      lotsUnder(ctx.db.manager.createQueryBuilder(Allocation, 'allocation').innerJoin(Gift, 'gift', 'gift.id = allocation.giftId'), unitPath)
        .select('gift.itemKind', 'itemKind')
        .addSelect('allocation.recipientKind', 'recipientKind')
        .addSelect('SUM(allocation.quantity)', 'quantity')
        .groupBy('gift.itemKind')
        .addGroupBy('allocation.recipientKind')
        .getRawMany<{ itemKind: ItemKind; recipientKind: RecipientKind; quantity: string | number }>(),
    ]);
    const counts = new Map<ItemKind, StockCount>();
    const of = (itemKind: ItemKind) => counts.get(itemKind) ?? counts.set(itemKind, Object.assign(new StockCount(), { itemKind })).get(itemKind)!;
    for (const row of received) of(row.itemKind).received += Number(row.quantity);
    for (const row of issued) of(row.itemKind)[ISSUED_TO[row.recipientKind]] += Number(row.quantity);
    return [...counts.values()].sort((a, b) => a.itemKind.localeCompare(b.itemKind));
  }
}
