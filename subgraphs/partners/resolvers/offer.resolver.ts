import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { addDays, todayInVietnam } from '../../common/dates';
import { invalidInput, notFound } from '../../common/errors';
import { AdministrativeUnit } from './references';
import { insistActsFor, loadPartner } from '../access';
import { Offer, OfferUnit, Partner } from '../entities';
import { offerById, unitsOfOffer } from '../loaders';
import { unitCodesOnPath } from '../services/offers';
import { OfferInput } from './inputs';
import { t } from '../../common/messages';

/** Preferential prices partners give team members: public, so members can find them. */
@Resolver(() => Offer)
export class OfferResolver {
  @Query(() => [Offer], { description: 'Offers valid today for team members of a unit (public)' })
  async offers(@Arg('unitCode', { description: 'The unit whose team members the offers are for' }) unitCode: string, @Ctx() ctx: Context): Promise<Offer[]> {
    const { unitPath } = await ctx.units.unit(unitCode);
    const today = todayInVietnam();
    return ctx.db.manager
      .createQueryBuilder(Offer, 'offer')
      .where('offer.validFrom <= :today AND offer.validUntil >= :today', { today })
      .andWhere('offer.id IN (SELECT eligible.offerId FROM offer_unit eligible WHERE eligible.unitCode IN (:...codes))', {
        codes: unitCodesOnPath(unitPath),
      })
      .orderBy('offer.validUntil', 'ASC')
      .addOrderBy('offer.id', 'ASC')
      .limit(100)
      .getMany();
  }

  @FieldResolver(() => Partner, { description: 'The partner that gives the offer' })
  partner(@Root() offer: Offer, @Ctx() ctx: Context): Promise<Partner> {
    return loadPartner(ctx, offer.partnerId);
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'Units whose teams’ members may take it (with their subtrees)' })
  async eligibleUnits(@Root() offer: Offer, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    const units = await ctx.loaders.get(unitsOfOffer).load(offer.id);
    return units.map(({ unitCode }) => ({ code: unitCode }));
  }

  @Mutation(() => Offer, { description: 'The partner and admins' })
  async createOffer(@Arg('input', { description: 'The preferential price and when it holds' }) input: OfferInput, @Ctx() ctx: Context): Promise<Offer> {
    await loadPartner(ctx, input.partnerId);
    await insistActsFor(ctx, input.partnerId, 'actions.makeOffers');
    if (input.validUntil < input.validFrom) throw invalidInput('validUntil', t('problems.notBeforeValidFrom'));
    const units = await Promise.all([...new Set(input.unitCodes)].map((code) => ctx.units.unit(code)));
    const { unitCodes, ...fields } = input;
    return ctx.db.transaction(async (manager) => {
      const offer = await manager.save(manager.create(Offer, { ...fields, discountPercent: fields.discountPercent ?? null }));
      await manager.save(units.map((unit) => manager.create(OfferUnit, { offerId: offer.id, ...unit })));
      await audit(manager, ctx.viewer, { action: 'createOffer', entity: offer, after: { ...offer, unitCodes } });
      return offer;
    });
  }

  @Mutation(() => Offer, { description: 'Ends an offer: it is no longer valid from today (the partner and admins)' })
  async withdrawOffer(@Arg('id', () => ID, { description: 'The offer to withdraw' }) id: string, @Ctx() ctx: Context): Promise<Offer> {
    const offer = await ctx.loaders.get(offerById).load(id);
    if (!offer) throw notFound('Offer', id);
    await insistActsFor(ctx, offer.partnerId, 'actions.withdrawOffer');
    const yesterday = addDays(todayInVietnam(), -1);
    if (offer.validUntil <= yesterday) return offer;
    const before = { validFrom: offer.validFrom, validUntil: offer.validUntil };
    const ended = { validFrom: offer.validFrom < yesterday ? offer.validFrom : yesterday, validUntil: yesterday };
    return ctx.db.transaction(async (manager) => {
      const after = await manager.save(Object.assign(offer, ended));
      await audit(manager, ctx.viewer, { action: 'withdrawOffer', entity: offer, before, after: ended });
      return after;
    });
  }
}
