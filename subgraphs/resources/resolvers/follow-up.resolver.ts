import { Length, Max, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { addDays, todayInVietnam } from '../../common/dates';
import { loadProgramme, loadSponsor, managesSponsor } from '../access';
import { Pledge, PledgeInstalment, Programme, Sponsor, SponsorContact, SponsorInteraction } from '../entities';
import { contactsOfSponsor, pledgeById } from '../loaders';
import { instalmentsToFollowUp, memorandaEnding } from '../services/follow-up';

/** An instalment still expected, due soon or overdue, with whom to call about it. */
@ObjectType({ description: 'An instalment to chase: due within the window or overdue' })
export class InstalmentToFollowUp {
  @Field(() => PledgeInstalment, { description: 'The instalment that is due or late' })
  instalment: PledgeInstalment;

  pledge: Pledge;
}

@ObjectType({ description: 'A memorandum of understanding ending within the window' })
export class MemorandumEnding {
  @Field(() => SponsorInteraction, { description: 'The memorandum whose validity ends soon' })
  memorandum: SponsorInteraction;
}

@ObjectType({ description: 'What a unit’s officers should chase: instalments due soon or overdue, memoranda ending soon' })
export class PledgeFollowUp {
  @Field(() => LocalDateResolver, { description: 'Today in Vietnam, the window’s start' })
  today: string;

  @Field(() => LocalDateResolver, { description: 'The window’s last day' })
  until: string;

  @Field(() => [InstalmentToFollowUp], { description: 'By due date, so the overdue ones come first' })
  instalments: InstalmentToFollowUp[];

  @Field(() => [MemorandumEnding], { description: 'By end date' })
  memoranda: MemorandumEnding[];
}

@ArgsType()
class FollowUpArgs {
  @Field({ description: 'Pledges and memoranda anywhere under this unit' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => Int, { defaultValue: 30, description: 'How many days ahead to look' })
  @Min(0)
  @Max(366)
  withinDays: number;
}

/** Sponsors' contacts where the viewer may see them (officers over the sponsor's unit), else null. */
async function contactsIfAllowed(ctx: Context, sponsorId: string): Promise<SponsorContact[] | null> {
  const sponsor = await loadSponsor(ctx, sponsorId);
  return managesSponsor(ctx, sponsor) ? ctx.loaders.get(contactsOfSponsor).load(sponsor.id) : null;
}

@Resolver(() => PledgeFollowUp)
export class PledgeFollowUpResolver {
  @Query(() => PledgeFollowUp, { description: 'Instalments and memoranda to chase across a unit’s subtree (officers over it)' })
  async pledgeFollowUp(@Args() { unitCode, withinDays }: FollowUpArgs, @Ctx() ctx: Context): Promise<PledgeFollowUp> {
    const { unitPath } = await ctx.units.unit(unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.followUpSponsors');
    const today = todayInVietnam();
    const until = addDays(today, withinDays);
    const window = { unitPath, today, until };
    const [rows, memoranda] = await Promise.all([instalmentsToFollowUp(ctx.db.manager, window), memorandaEnding(ctx.db.manager, window)]);
    const pledges = ctx.loaders.get(pledgeById);
    const instalments = rows.map((row) => {
      pledges.prime(row.pledge!.id, row.pledge!);
      return { instalment: row, pledge: row.pledge! };
    });
    return { today, until, instalments, memoranda: memoranda.map((memorandum) => ({ memorandum })) };
  }
}

@Resolver(() => InstalmentToFollowUp)
export class InstalmentToFollowUpResolver {
  @FieldResolver(() => Pledge, { description: 'The pledge it belongs to' })
  pledge(@Root() item: InstalmentToFollowUp): Pledge {
    return item.pledge;
  }

  @FieldResolver(() => Sponsor, { description: 'The sponsor who pledged it' })
  sponsor(@Root() item: InstalmentToFollowUp, @Ctx() ctx: Context): Promise<Sponsor> {
    return loadSponsor(ctx, item.pledge.sponsorId);
  }

  @FieldResolver(() => Programme, { description: 'The programme it was pledged to' })
  programme(@Root() item: InstalmentToFollowUp, @Ctx() ctx: Context): Promise<Programme> {
    return loadProgramme(ctx, item.pledge.programmeId);
  }

  @FieldResolver(() => [SponsorContact], { nullable: true, description: 'Personal data: null unless the viewer is an officer over the sponsor’s unit' })
  sponsorContacts(@Root() item: InstalmentToFollowUp, @Ctx() ctx: Context): Promise<SponsorContact[] | null> {
    return contactsIfAllowed(ctx, item.pledge.sponsorId);
  }
}

@Resolver(() => MemorandumEnding)
export class MemorandumEndingResolver {
  @FieldResolver(() => Sponsor, { description: 'The sponsor the memorandum is with' })
  sponsor(@Root() item: MemorandumEnding, @Ctx() ctx: Context): Promise<Sponsor> {
    return loadSponsor(ctx, item.memorandum.sponsorId);
  }

  @FieldResolver(() => [SponsorContact], { nullable: true, description: 'Personal data: null unless the viewer is an officer over the sponsor’s unit' })
  sponsorContacts(@Root() item: MemorandumEnding, @Ctx() ctx: Context): Promise<SponsorContact[] | null> {
    return contactsIfAllowed(ctx, item.memorandum.sponsorId);
  }
}
