import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Disclosure, publicLedger } from '../services/ledger';

/** Public: no sign-in, no personal data, no codes; sponsors named only with their consent. */
@Resolver()
export class DisclosureResolver {
  @Query(() => Disclosure, { description: 'The public income and spending ledger of a unit (its whole subtree) or of one programme' })
  async disclosure(
    @Ctx() ctx: Context,
    @Arg('unitCode', () => String, { nullable: true, description: 'The ledger of a unit’s whole subtree (or give programmeId)' }) unitCode: string | null,
    @Arg('programmeId', () => ID, { nullable: true, description: 'One programme’s ledger (or give unitCode)' }) programmeId: string | null,
    @Arg('from', () => LocalDateResolver, { nullable: true, description: 'Default: 1 January this year' }) from: string | null,
    @Arg('to', () => LocalDateResolver, { nullable: true, description: 'Default: 31 December this year' }) to: string | null,
  ): Promise<Disclosure> {
    return publicLedger(ctx, { unitCode, programmeId, from, to });
  }
}
