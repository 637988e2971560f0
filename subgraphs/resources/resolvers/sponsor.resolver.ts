import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { changesFrom } from '../../common/validation';
import { invalidInput } from '../../common/errors';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { loadSponsor, managesSponsor } from '../access';
import { Pledge, Sponsor, SponsorContact, SponsorInteraction, SponsorStatus } from '../entities';
import { contactsOfSponsor, interactionsOfSponsor, pledgesOfSponsor } from '../loaders';
import { CreateSponsorInput, SponsorContactInput, SponsorInteractionInput, UpdateSponsorInput } from './inputs';
import { Partner } from './references';
import { t } from '../../common/messages';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';

@ObjectType({ description: 'A page of sponsors' })
export class SponsorConnection extends Connection(Sponsor) {}

@ArgsType()
class SponsorsArgs extends PageArgs {
  @Field(() => SponsorStatus, { nullable: true, description: 'Only sponsors in this status; all when left out' })
  status?: SponsorStatus | null;
}

/** Sponsor relationships: officers over the sponsor's unit only. */
@Resolver(() => Sponsor)
export class SponsorResolver {
  @Query(() => SponsorConnection, { description: 'Sponsors looked after anywhere under a unit (officers over it)' })
  async sponsors(@Arg('unitCode', { description: 'The unit whose sponsors to list' }) unitCode: string, @Args() args: SponsorsArgs, @Ctx() ctx: Context): Promise<SponsorConnection> {
    const { unitPath } = await ctx.units.unit(unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.seeUnitSponsors');
    const query = ctx.db.manager.createQueryBuilder(Sponsor, 'sponsor').where('sponsor.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
    if (args.status) query.andWhere('sponsor.status = :status', { status: args.status });
    return new SponsorConnection(await paginate(query, { column: 'sponsor.name', valueOf: (sponsor) => sponsor.name }, args));
  }

  @Query(() => Sponsor, { nullable: true, description: 'A sponsor, by its identifier' })
  async sponsor(@Arg('id', () => ID, { description: 'The sponsor’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Sponsor> {
    const sponsor = await loadSponsor(ctx, id);
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.seeSponsor');
    return sponsor;
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner enterprise this sponsor is' })
  partner(@Root() sponsor: Sponsor): Partner | null {
    return sponsor.partnerId ? { id: sponsor.partnerId } : null;
  }

  @FieldResolver(() => [SponsorContact], { description: 'Personal data: officers over the sponsor’s unit' })
  async contacts(@Root() sponsor: Sponsor, @Ctx() ctx: Context): Promise<SponsorContact[]> {
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.seeSponsorContacts');
    return ctx.loaders.get(contactsOfSponsor).load(sponsor.id);
  }

  @FieldResolver(() => [SponsorInteraction], { description: 'Relationship history, newest first' })
  async history(@Root() sponsor: Sponsor, @Ctx() ctx: Context): Promise<SponsorInteraction[]> {
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.seeSponsorHistory');
    return ctx.loaders.get(interactionsOfSponsor).load(sponsor.id);
  }

  @FieldResolver(() => [Pledge], { description: 'Every pledge the sponsor made, to any programme, cancelled ones included; newest first' })
  async pledges(@Root() sponsor: Sponsor, @Ctx() ctx: Context): Promise<Pledge[]> {
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.seeSponsorPledges');
    return ctx.loaders.get(pledgesOfSponsor).load(sponsor.id);
  }

  @Mutation(() => Sponsor, { description: 'Records a sponsor of a unit’s teams' })
  async createSponsor(@Arg('input', { description: 'The sponsor and its contact people' }) input: CreateSponsorInput, @Ctx() ctx: Context): Promise<Sponsor> {
    const { unitCode, unitPath } = await ctx.units.unit(input.unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.addSponsors');
    const { idempotencyKey, contacts, ...fields } = input;
    return once(
      ctx.db,
      { scope: `createSponsor:${ctx.viewer.subject}`, key: idempotencyKey, input: { ...fields, contacts } },
      async (manager) => {
        const sponsor = await manager.save(
          manager.create(Sponsor, { ...fields, unitCode, unitPath, taxCode: fields.taxCode ?? null, partnerId: fields.partnerId ?? null }),
        );
        for (const contact of contacts) await manager.save(manager.create(SponsorContact, { ...contact, sponsorId: sponsor.id }));
        await audit(manager, ctx.viewer, { action: 'createSponsor', entity: sponsor, unitPath, after: sponsor });
        return sponsor;
      },
      (manager, id) => manager.findOneByOrFail(Sponsor, { id }),
    );
  }

  @Mutation(() => Sponsor, { description: 'Renames, changes status (prospect, active, lapsed) or consent to be named' })
  async updateSponsor(@Arg('id', () => ID, { description: 'The sponsor to change' }) id: string, @Arg('input', { description: 'What changes; fields left out stay as they are' }) input: UpdateSponsorInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Sponsor> {
    const sponsor = await loadSponsor(ctx, id);
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.changeSponsor');
    const before = { ...sponsor };
    const changes = changesFrom(input);
    return once(
      ctx.db,
      { scope: `updateSponsor:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, ...input } },
      async (manager) => {
        const after = await manager.save(Object.assign(sponsor, changes));
        await audit(manager, ctx.viewer, { action: 'updateSponsor', entity: sponsor, unitPath: sponsor.unitPath, before, after });
        return after;
      },
      (manager, id) => manager.findOneByOrFail(Sponsor, { id }),
    );
  }

  @Mutation(() => SponsorContact, { description: 'Adds a contact person to a sponsor' })
  async addSponsorContact(
    @Arg('sponsorId', () => ID, { description: 'The sponsor the contact person works for' }) sponsorId: string,
    @Arg('input', { description: 'The contact person' }) input: SponsorContactInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<SponsorContact> {
    const sponsor = await loadSponsor(ctx, sponsorId);
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.addSponsorContacts');
    return once(
      ctx.db,
      { scope: `addSponsorContact:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { sponsorId, ...input } },
      async (manager) => {
        const contact = await manager.save(manager.create(SponsorContact, { ...input, sponsorId }));
        await audit(manager, ctx.viewer, { action: 'addSponsorContact', entity: contact, unitPath: sponsor.unitPath, after: contact });
        return contact;
      },
      (manager, id) => manager.findOneByOrFail(SponsorContact, { id }),
    );
  }

  @Mutation(() => SponsorInteraction, { description: 'Notes a meeting, thank-you letter, memorandum or holiday greeting' })
  async recordSponsorInteraction(
    @Arg('sponsorId', () => ID, { description: 'The sponsor the team was in touch with' }) sponsorId: string,
    @Arg('input', { description: 'The contact with the sponsor' }) input: SponsorInteractionInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<SponsorInteraction> {
    const sponsor = await loadSponsor(ctx, sponsorId);
    ctx.viewer.insist(managesSponsor(ctx, sponsor), 'actions.recordSponsorHistory');
    if (input.validUntil && input.validUntil < input.occurredOn) throw invalidInput('validUntil', t('problems.notBeforeOccurredOn'));
    return once(
      ctx.db,
      { scope: `recordSponsorInteraction:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { sponsorId, ...input } },
      async (manager) => {
        const interaction = await manager.save(
          manager.create(SponsorInteraction, { ...input, validUntil: input.validUntil ?? null, sponsorId, recordedBy: ctx.viewer.subject }),
        );
        await audit(manager, ctx.viewer, { action: 'recordSponsorInteraction', entity: interaction, unitPath: sponsor.unitPath, after: interaction });
        return interaction;
      },
      (manager, id) => manager.findOneByOrFail(SponsorInteraction, { id }),
    );
  }
}
