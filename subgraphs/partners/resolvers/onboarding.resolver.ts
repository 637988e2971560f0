import { IsOptional, Length } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import { BatchResult } from '../../common/batch';
import { Consent, consentsOfRecord, withdrawConsentOf } from '../../common/consent';
import type { Context } from '../../common/context';
import { recordRead } from '../../common/personal-data-reads';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { isRestricted } from '../../common/restriction';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { Team } from './references';
import { changesFrom } from '../../common/validation';
import { insistActsFor, loadPartner, scopeToPartnerOrUnit, seesOnboarding, seesResidentDetails } from '../access';
import { Onboarding, OnboardeeKind, OnboardingStatus, Partner, Platform, PlatformKind } from '../entities';
import { onboardingById, platformById } from '../loaders';
import { logOnboardings } from '../services/onboardings';
import { LogOnboardingsInput, UpdateOnboardingInput } from './inputs';
import { t } from '../../common/messages';

@ObjectType({ description: 'A page of onboardings' })
class OnboardingConnection extends Connection(Onboarding) {}

@ObjectType({ description: 'The onboardings of a batch, in the order sent' })
class LogOnboardingsResult extends BatchResult(Onboarding) {}

@ArgsType()
class OnboardingsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'A partner’s onboardings (the partner and admins)' })
  @IsOptional()
  @Length(1, 36)
  partnerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Onboardings helped by teams in this unit’s subtree (officers over it)' })
  @IsOptional()
  @Length(1, 20)
  unitCode?: string | null;

  @Field(() => OnboardingStatus, { nullable: true, description: 'Only onboardings in this status; all when left out' })
  status?: OnboardingStatus | null;
}

async function loadOnboarding(ctx: Context, id: string): Promise<Onboarding> {
  const onboarding = await ctx.loaders.get(onboardingById).load(id);
  if (!onboarding) throw notFound('Onboarding', id);
  return onboarding;
}

const SEE_RESIDENT_DETAIL = { name: 'actions.seeResidentName', phone: 'actions.seeResidentPhone', address: 'actions.seeResidentAddress' } as const;

/** Residents' details resolve only for the partner and the helping team's leaders (null + FORBIDDEN otherwise). */
async function residentDetail<K extends 'name' | 'phone' | 'address'>(ctx: Context, onboarding: Onboarding, field: K): Promise<Onboarding[K]> {
  ctx.viewer.insist(await seesResidentDetails(ctx, onboarding), SEE_RESIDENT_DETAIL[field]);
  return onboarding[field];
}

/**
 * Whether the person who gave the onboarding's consent asked to restrict the processing of their data
 * (their key is on the consent: the household has no other id in the hub). The partner keeps the
 * onboarding in its figures but follows it up no more (no update, phone and address withheld) until lifted.
 */
async function householdRestricted(ctx: Context, onboarding: Onboarding): Promise<boolean> {
  const consents = await ctx.loaders.get(consentsOfRecord).load(onboarding.id);
  return (await Promise.all(consents.map((consent) => isRestricted(ctx, consent.subjectKey)))).some(Boolean);
}

/** A phone or address: as residentDetail, and null while the household's processing is restricted. */
async function residentContact(ctx: Context, info: GraphQLResolveInfo, onboarding: Onboarding, field: 'phone' | 'address'): Promise<string | null> {
  const value = await residentDetail(ctx, onboarding, field);
  // Whose: the onboarding (the household has no other id in the hub).
  return (await householdRestricted(ctx, onboarding)) ? null : recordRead(ctx, info, onboarding.id, value);
}

/** Households and businesses onboarded onto partners' platforms with a team's help. */
@Resolver(() => Onboarding)
export class OnboardingResolver {
  @Query(() => OnboardingConnection, { description: 'By date; give partnerId (its partner, admins) or unitCode (officers over it), or both' })
  async onboardings(@Args() { partnerId, unitCode, status, ...page }: OnboardingsArgs, @Ctx() ctx: Context): Promise<OnboardingConnection> {
    const query = ctx.db.manager.createQueryBuilder(Onboarding, 'onboarding');
    await scopeToPartnerOrUnit(ctx, query, { partnerId, unitCode }, 'onboarding.teamUnitPath', 'actions.seeOnboardings');
    if (status) query.andWhere('onboarding.status = :status', { status });
    return new OnboardingConnection(
      await paginate(query, { column: 'onboarding.onboardedOn', valueOf: (onboarding) => onboarding.onboardedOn }, page),
    );
  }

  @Query(() => Onboarding, { nullable: true, description: 'An onboarding, by its identifier' })
  async onboarding(@Arg('id', () => ID, { description: 'The onboarding’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Onboarding> {
    const onboarding = await loadOnboarding(ctx, id);
    ctx.viewer.insist(await seesOnboarding(ctx, onboarding), 'actions.seeOnboarding');
    return onboarding;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A business’s or co-operative’s name; a household’s is personal data (the partner and the team’s leaders)',
  })
  async name(@Root() onboarding: Onboarding, @Ctx() ctx: Context): Promise<string> {
    if (onboarding.onboardeeKind !== OnboardeeKind.HOUSEHOLD) return onboarding.name;
    return residentDetail(ctx, onboarding, 'name');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: the partner and the team’s leaders; null while the household’s processing is restricted' })
  phone(@Root() onboarding: Onboarding, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return residentContact(ctx, info, onboarding, 'phone');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: the partner and the team’s leaders; null while the household’s processing is restricted' })
  address(@Root() onboarding: Onboarding, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return residentContact(ctx, info, onboarding, 'address');
  }

  @FieldResolver(() => Partner, { description: 'The partner whose platform it is' })
  partner(@Root() onboarding: Onboarding, @Ctx() ctx: Context): Promise<Partner> {
    return loadPartner(ctx, onboarding.partnerId);
  }

  @FieldResolver(() => Platform, { description: 'The platform they were onboarded onto' })
  async platform(@Root() onboarding: Onboarding, @Ctx() ctx: Context): Promise<Platform> {
    return (await ctx.loaders.get(platformById).load(onboarding.platformId))!;
  }

  @FieldResolver(() => Team, { description: 'The team that helped' })
  team(@Root() onboarding: Onboarding): Team {
    return { id: onboarding.teamId };
  }

  @Mutation(() => LogOnboardingsResult, {
    description: 'Logs up to 200 onboardings, all or none; each row has its own idempotencyKey, so re-sending never duplicates',
  })
  async logOnboardings(@Arg('input', { description: 'The partner and its batch of onboardings' }) input: LogOnboardingsInput, @Ctx() ctx: Context): Promise<LogOnboardingsResult> {
    await loadPartner(ctx, input.partnerId);
    await insistActsFor(ctx, input.partnerId, 'actions.logOnboardings');
    return new LogOnboardingsResult(await logOnboardings(ctx, input));
  }

  @Mutation(() => Consent, {
    description:
      'The household withdraws the consent given with an onboarding (itself, with a one-time code to its phone, or an officer over the team’s unit for it): ' +
      'its phone and address are erased, so the partner follows it up no more; the onboarding stays in the figures',
  })
  async withdrawOnboardingConsent(@Arg('id', () => ID, { description: 'The onboarding whose consent is withdrawn' }) id: string, @Ctx() ctx: Context): Promise<Consent> {
    const onboarding = await loadOnboarding(ctx, id);
    return withdrawConsentOf(ctx, {
      record: onboarding,
      unitPath: onboarding.teamUnitPath,
      action: 'withdrawOnboardingConsent',
      stop: async (manager) => {
        const current = (await ctx.db.lockForUpdate(manager, Onboarding, { id }))!;
        await manager.save(Object.assign(current, { phone: null, address: null }));
      },
    });
  }

  @Mutation(() => Onboarding, { description: 'The partner follows an onboarding up: active, abandoned, products listed (refused while the household’s processing is restricted)' })
  async updateOnboarding(
    @Arg('id', () => ID, { description: 'The onboarding to change' }) id: string,
    @Arg('input', { description: 'What changes; fields left out stay as they are' }) input: UpdateOnboardingInput,
    @Ctx() ctx: Context,
  ): Promise<Onboarding> {
    const onboarding = await loadOnboarding(ctx, id);
    await insistActsFor(ctx, onboarding.partnerId, 'actions.updateOnboarding');
    if (await householdRestricted(ctx, onboarding)) throw conflict(t('conflicts.householdProcessingRestricted'));
    const changes = changesFrom(input);
    if (changes.productsListed !== undefined) {
      const platform = await ctx.loaders.get(platformById).load(onboarding.platformId);
      if (platform?.kind !== PlatformKind.MARKETPLACE) throw invalidInput('productsListed', t('problems.onlyMarketplaceShops'));
    }
    const before = { status: onboarding.status, productsListed: onboarding.productsListed };
    return ctx.db.transaction(async (manager) => {
      const after = await manager.save(Object.assign(onboarding, changes));
      await audit(manager, ctx.viewer, {
        action: 'updateOnboarding',
        entity: onboarding,
        unitPath: onboarding.teamUnitPath,
        before,
        after: { status: after.status, productsListed: after.productsListed },
      });
      return after;
    });
  }
}
