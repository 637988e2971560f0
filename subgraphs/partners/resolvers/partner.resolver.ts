import { IsOptional, Length } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { Role } from '../../common/auth';
import type { Context } from '../../common/context';
import { conflict } from '../../common/errors';
import { idempotentTransaction } from '../../common/idempotency';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { AdministrativeUnit } from './references';
import { changesFrom, insistDistinct } from '../../common/validation';
import { actsFor, insistActsFor, loadPartner } from '../access';
import { BranchContact, Offer, Partner, PartnerBranch, PartnerSector, PartnerUnit, Platform } from '../entities';
import { branchesOfPartner, contactsOfBranch, offersOfPartner, platformsOfPartner, unitsOfPartner } from '../loaders';
import { isCurrent, unitCodesOnPath } from '../services/offers';
import { BranchInput, CreatePartnerInput, PlatformInput, UpdatePartnerInput } from './inputs';
import { t } from '../../common/messages';

@ObjectType({ description: 'A page of partners' })
class PartnerConnection extends Connection(Partner) {}

@ArgsType()
class PartnersArgs extends PageArgs {
  @Field(() => PartnerSector, { nullable: true, description: 'Only partners of this sector; all when left out' })
  sector?: PartnerSector | null;

  @Field(() => String, { nullable: true, description: 'Only partners serving this unit (directly or through a unit above it)' })
  @IsOptional()
  @Length(1, 20)
  unitCode?: string | null;
}

/** Puts the partner's served units in place of the old ones. */
async function serveUnits(ctx: Context, manager: EntityManager, partnerId: string, unitCodes: string[]): Promise<void> {
  const units = await Promise.all([...new Set(unitCodes)].map((code) => ctx.units.unit(code)));
  await manager.delete(PartnerUnit, { partnerId });
  await manager.save(units.map((unit) => manager.create(PartnerUnit, { partnerId, ...unit })));
}

/** Partner names are unique: say so, rather than fail on the unique index with an internal error. */
async function insistNameFree(manager: EntityManager, name: string, partnerId?: string): Promise<void> {
  const holder = await manager.findOneBy(Partner, { name });
  if (holder && holder.id !== partnerId) throw conflict(t('conflicts.partnerNameTaken', { name }));
}

/** The directory of partner enterprises is public; changing it is for admins and the partner itself. */
@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerConnection, { description: 'Partner enterprises, by name (public)' })
  async partners(@Args() { sector, unitCode, ...page }: PartnersArgs, @Ctx() ctx: Context): Promise<PartnerConnection> {
    const query = ctx.db.manager.createQueryBuilder(Partner, 'partner');
    if (sector) query.andWhere('partner.sector = :sector', { sector });
    if (unitCode) {
      const { unitPath } = await ctx.units.unit(unitCode);
      query.andWhere(
        'partner.id IN (SELECT served.partnerId FROM partner_unit served WHERE served.unitCode IN (:...codes))',
        { codes: unitCodesOnPath(unitPath) },
      );
    }
    return new PartnerConnection(await paginate(query, { column: 'partner.name', valueOf: (partner) => partner.name }, page));
  }

  @Query(() => Partner, { nullable: true, description: 'A partner, by its identifier' })
  partner(@Arg('id', () => ID, { description: 'The partner’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Partner> {
    return loadPartner(ctx, id);
  }

  @FieldResolver(() => [Platform], { description: 'The platforms it offers residents' })
  platforms(@Root() partner: Partner, @Ctx() ctx: Context): Promise<Platform[]> {
    return ctx.loaders.get(platformsOfPartner).load(partner.id);
  }

  @FieldResolver(() => [PartnerBranch], { description: 'Its provincial and local branches' })
  branches(@Root() partner: Partner, @Ctx() ctx: Context): Promise<PartnerBranch[]> {
    return ctx.loaders.get(branchesOfPartner).load(partner.id);
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'Units whose teams it serves (with their subtrees)' })
  async servedUnits(@Root() partner: Partner, @Ctx() ctx: Context): Promise<AdministrativeUnit[]> {
    const served = await ctx.loaders.get(unitsOfPartner).load(partner.id);
    return served.map(({ unitCode }) => ({ code: unitCode }));
  }

  @FieldResolver(() => [Offer], { description: 'Offers valid today (public); the partner and admins see past and future ones too' })
  async offers(@Root() partner: Partner, @Ctx() ctx: Context): Promise<Offer[]> {
    const offers = await ctx.loaders.get(offersOfPartner).load(partner.id);
    if (await actsFor(ctx, partner.id)) return offers;
    return offers.filter((offer) => isCurrent(offer));
  }

  @Mutation(() => Partner, { description: 'Admins only' })
  async createPartner(@Arg('input', { description: 'The partner enterprise and its platforms' }) input: CreatePartnerInput, @Ctx() ctx: Context): Promise<Partner> {
    ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.addPartners');
    const { platforms, servedUnitCodes, ...fields } = input;
    insistDistinct(
      platforms.map((platform) => platform.name.toLowerCase()),
      (index) => `platforms.${index}.name`,
      (name) => t('problems.valueTwice', { value: name }),
    );
    return ctx.db.transaction(async (manager) => {
      await insistNameFree(manager, fields.name);
      const partner = await manager.save(manager.create(Partner, fields));
      await manager.save(platforms.map((platform) => manager.create(Platform, { ...platform, partnerId: partner.id })));
      await serveUnits(ctx, manager, partner.id, servedUnitCodes);
      await audit(manager, ctx.viewer, { action: 'createPartner', entity: partner, after: input });
      return partner;
    });
  }

  @Mutation(() => Partner, { description: 'Admins and the partner itself' })
  async updatePartner(@Arg('id', () => ID, { description: 'The partner to change' }) id: string, @Arg('input', { description: 'What changes; fields left out stay as they are' }) input: UpdatePartnerInput, @Ctx() ctx: Context): Promise<Partner> {
    const partner = await loadPartner(ctx, id);
    await insistActsFor(ctx, id, 'actions.changePartner');
    const before = { ...partner };
    const { servedUnitCodes, ...changes } = changesFrom(input);
    return ctx.db.transaction(async (manager) => {
      if (changes.name) await insistNameFree(manager, changes.name, id);
      const after = await manager.save(Object.assign(partner, changes));
      if (servedUnitCodes) await serveUnits(ctx, manager, id, servedUnitCodes);
      await audit(manager, ctx.viewer, { action: 'updatePartner', entity: partner, before, after: { ...after, servedUnitCodes } });
      return after;
    });
  }

  @Mutation(() => Platform, { description: 'Admins and the partner itself' })
  async addPlatform(@Arg('partnerId', () => ID, { description: 'The partner that offers it' }) partnerId: string, @Arg('input', { description: 'The platform' }) input: PlatformInput, @Ctx() ctx: Context): Promise<Platform> {
    await loadPartner(ctx, partnerId);
    await insistActsFor(ctx, partnerId, 'actions.addPlatforms');
    // Two adding one name at once meet at the unique index; run again, the loser is told why.
    return idempotentTransaction(ctx.db, async (manager) => {
      if (await manager.existsBy(Platform, { partnerId, name: input.name })) throw conflict(t('conflicts.platformNameTaken', { name: input.name }));
      const platform = await manager.save(manager.create(Platform, { ...input, partnerId }));
      await audit(manager, ctx.viewer, { action: 'addPlatform', entity: platform, after: platform });
      return platform;
    });
  }

  @Mutation(() => PartnerBranch, { description: 'Admins and the partner itself' })
  async addPartnerBranch(
    @Arg('partnerId', () => ID, { description: 'The partner the branch belongs to' }) partnerId: string,
    @Arg('input', { description: 'The branch and its contact people' }) input: BranchInput,
    @Ctx() ctx: Context,
  ): Promise<PartnerBranch> {
    await loadPartner(ctx, partnerId);
    await insistActsFor(ctx, partnerId, 'actions.addBranches');
    const unit = await ctx.units.unit(input.unitCode);
    return ctx.db.transaction(async (manager) => {
      const branch = await manager.save(manager.create(PartnerBranch, { partnerId, name: input.name, ...unit }));
      await manager.save(input.contacts.map((contact) => manager.create(BranchContact, { ...contact, branchId: branch.id })));
      await audit(manager, ctx.viewer, { action: 'addPartnerBranch', entity: branch, unitPath: unit.unitPath, after: input });
      return branch;
    });
  }
}

@Resolver(() => PartnerBranch)
export class PartnerBranchResolver {
  @FieldResolver(() => AdministrativeUnit, { description: 'The administrative unit the branch serves' })
  unit(@Root() branch: PartnerBranch): AdministrativeUnit {
    return { code: branch.unitCode };
  }

  @FieldResolver(() => [BranchContact], {
    // Nullable: refusing it to a caller must not wipe the public rest of the directory around it.
    nullable: true,
    description: 'Personal data: the partner, officers over the branch’s unit, admins',
  })
  async contacts(@Root() branch: PartnerBranch, @Ctx() ctx: Context): Promise<BranchContact[]> {
    ctx.viewer.insist(ctx.viewer.oversees(branch.unitPath) || (await actsFor(ctx, branch.partnerId)), 'actions.seeBranchContacts');
    return ctx.loaders.get(contactsOfBranch).load(branch.id);
  }
}
