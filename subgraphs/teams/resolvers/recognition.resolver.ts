import { LocalDateResolver } from 'graphql-scalars';
import type { EntityManager } from 'typeorm';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Consent, ConsentPurpose, consentsOf, consentsOfRecord, giveConsentLater, ResidentConsentInput, withdrawConsentOf } from '../../common/consent';
import { insistDataSubject } from '../../common/data-subject';
import { checkedKey, RETRY_KEY } from '../../common/idempotency';
import type { Context } from '../../common/context';
import { invalidInput, notFound } from '../../common/errors';
import { once } from '../../common/idempotency';
import { exportPaperAs, PaperFormat } from '../../common/papers';
import { ExportedFile } from '../../common/spreadsheets';
import { loadUnit } from '../access';
import { EmulationCampaign, Member, Nomination, NominationDecision, provinceOf, NomineeKind, PERSONAL_NOMINEES, ProposalDecision, ProposalStatus, RewardProposal, type Person, type Team } from '../entities';
import { campaignById, memberById, personById, teamById, unitByAnyCode } from '../loaders';
import { rangeKey, teamTotals } from '../loaders/reports';
import {
  awaitingPath,
  campaignsAround,
  codeOf,
  decideNomination,
  decideProposal,
  decidesNominations,
  decidesProposal,
  launchCampaign,
  nominate,
  nominationFormPaper,
  namedOnRoll,
  nominationsUnder,
  pathAbove,
  proposeReward,
  reportedFigures,
  rewardsOfMember,
  rewardsOfSubject,
  resubmitProposal,
  NATION_PATH,
  sendsToNation,
  sendToNation,
  withdrawNomination,
  withdrawProposal,
  withdrawsProposal,
} from '../services/recognition';
import { EmulationCampaignInput, NominationInput, RewardProposalInput } from './inputs';
import { loadMember } from './member.resolver';
import { loadTeam } from './team.resolver';
import { DataSubject } from './data-subject.resolver';
import { t } from '../../common/messages';

/** The most campaigns, nominations, proposals or honour-roll entries one list holds. */
const MAX_LIST = 200;

async function loadCampaign(ctx: Context, id: string, field = 'campaignId'): Promise<EmulationCampaign> {
  const campaign = await ctx.loaders.get(campaignById).load(id);
  if (!campaign) throw invalidInput(field, t('problems.noSuchCampaign'));
  return campaign;
}

/** A member named in an input, and the path of their team's unit. */
async function memberAt(ctx: Context, id: string): Promise<{ member: Member; unitPath: string }> {
  const member = await ctx.loaders.get(memberById).load(id);
  if (!member) throw invalidInput('memberId', t('problems.noSuchMember'));
  const team = await loadTeam(ctx, member.teamId);
  return { member, unitPath: (await loadUnit(ctx, team.unitCode)).path };
}

@Resolver(() => EmulationCampaign)
export class EmulationCampaignResolver {
  @Query(() => [EmulationCampaign], { description: 'Campaigns launched by a unit, by the units above it or under it, newest first (public)' })
  async emulationCampaigns(@Arg('unitCode', { description: 'The unit, by its code' }) unitCode: string, @Ctx() ctx: Context): Promise<EmulationCampaign[]> {
    return campaignsAround(ctx.db.manager, await loadUnit(ctx, unitCode), MAX_LIST);
  }

  @FieldResolver(() => [String], { description: 'The criteria members and teams are judged by' })
  criteria(@Root() campaign: EmulationCampaign): string[] {
    return campaign.criteria;
  }

  @Mutation(() => EmulationCampaign, { description: 'Launches an emulation campaign of a unit over a period, with its criteria' })
  async launchEmulationCampaign(@Arg('input', { description: 'The campaign' }) input: EmulationCampaignInput, @Ctx() ctx: Context): Promise<EmulationCampaign> {
    const unit = await loadUnit(ctx, input.unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.launchCampaigns', { unitName: unit.name });
    const { idempotencyKey, unitCode, ...request } = input;
    return once(
      ctx.db,
      { scope: `launchEmulationCampaign:${ctx.viewer.subject}`, key: idempotencyKey, input: { unitCode, ...request } },
      (manager) => launchCampaign(manager, ctx.viewer, { unit, ...request }),
      (manager, id) => manager.findOneByOrFail(EmulationCampaign, { id }),
    );
  }
}

/** Figures left out of a nomination come from the member's team's own reports in the campaign's year, up to its end. */
async function figuresFromReports(ctx: Context, campaign: EmulationCampaign, member: Member): Promise<{ residentsGuided: number; householdVisits: number }> {
  const range = { firstMonth: `${campaign.startsOn.slice(0, 4)}-01`, lastMonth: campaign.endsOn.slice(0, 7) };
  return reportedFigures((await ctx.loaders.get(teamTotals).load(rangeKey(member.teamId, range))).figures);
}

@ObjectType({ description: 'The figures a nomination form starts from: the member’s team’s reports in the campaign’s year, and the member for the trainings partners recorded' })
export class NominationFigures {
  @Field(() => Member, { description: 'The member (trainingsAttended: the trainings partners recorded, through the gateway)' })
  member: Member;

  @Field(() => Int, { description: 'Residents the member’s team guided in the campaign’s year up to its end, from its reports' })
  residentsGuided: number;

  @Field(() => Int, { description: 'Household visits of the member’s team in the campaign’s year up to its end, from its reports' })
  householdVisits: number;
}

@Resolver(() => Nomination)
export class NominationResolver {
  @Query(() => NominationFigures, { description: 'The figures to prefill a nomination form with, for a member under a campaign' })
  async nominationFigures(
    @Arg('campaignId', () => ID, { description: 'The campaign' }) campaignId: string,
    @Arg('memberId', () => ID, { description: 'The member to nominate' }) memberId: string,
    @Ctx() ctx: Context,
  ): Promise<NominationFigures> {
    const campaign = await loadCampaign(ctx, campaignId);
    const { member, unitPath } = await memberAt(ctx, memberId);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.nominateMembers');
    return { member, ...(await figuresFromReports(ctx, campaign, member)) };
  }

  @Query(() => [Nomination], { description: 'Nominations under a campaign of members of a unit’s teams, by province and place' })
  async nominations(@Arg('campaignId', () => ID, { description: 'The campaign' }) campaignId: string, @Arg('unitCode', { description: 'The unit, by its code' }) unitCode: string, @Ctx() ctx: Context): Promise<Nomination[]> {
    const unit = await loadUnit(ctx, unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.seeNominations', { unitName: unit.name });
    return nominationsUnder(ctx.db.manager, campaignId, unit, MAX_LIST);
  }

  @Query(() => ExportedFile, { description: 'The nominations’ information form (seed 003, Phụ lục 2) of a unit under a campaign, PDF (default) or XLSX, with the personal details' })
  async nominationsFile(
    @Arg('campaignId', () => ID, { description: 'The campaign' }) campaignId: string,
    @Arg('unitCode', { description: 'The unit, by its code' }) unitCode: string,
    @Arg('format', () => PaperFormat, { defaultValue: PaperFormat.PDF, description: 'PDF to sign or XLSX to keep working on' }) format: PaperFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const unit = await loadUnit(ctx, unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.printNominations', { unitName: unit.name });
    const campaign = await loadCampaign(ctx, campaignId);
    const nominations = await nominationsUnder(ctx.db.manager, campaignId, unit, MAX_LIST);
    // One query each for the members, their people and their teams, however many nominees.
    const members = (await ctx.loaders.get(memberById).loadMany(nominations.map((nomination) => nomination.memberId))) as Member[];
    const [people, teams] = await Promise.all([
      ctx.loaders.get(personById).loadMany(members.map((member) => member.personId)),
      ctx.loaders.get(teamById).loadMany(members.map((member) => member.teamId)),
    ]);
    const nominees = nominations.map((nomination, index) => ({
      nomination,
      fullName: (people[index] as Person | undefined)?.fullName ?? '',
      teamName: (teams[index] as Team | undefined)?.name ?? '',
    }));
    return exportPaperAs(format, `de-cu-tieu-bieu-${unit.code}-${campaign.startsOn}`, nominationFormPaper(unit, campaign, nominees), 'Đề cử tiêu biểu');
  }

  @FieldResolver(() => EmulationCampaign, { description: 'The emulation campaign the nomination is for' })
  campaign(@Root() nomination: Nomination, @Ctx() ctx: Context): Promise<EmulationCampaign> {
    return loadCampaign(ctx, nomination.campaignId);
  }

  @FieldResolver(() => Member, { description: 'The member (their name and team as Member’s rules allow; trainings attended from partners through the gateway)' })
  member(@Root() nomination: Nomination, @Ctx() ctx: Context): Promise<Member> {
    return loadMember(ctx, nomination.memberId);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Year of birth, from the form (personal: officers over the member’s unit)' })
  birthYear(@Root() nomination: Nomination, @Ctx() ctx: Context): number | null {
    ctx.viewer.insist(ctx.viewer.oversees(nomination.unitPath), 'actions.seeNominationPersonalDetails');
    return nomination.birthYear;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Occupation or position, from the form (personal: officers over the member’s unit)' })
  occupation(@Root() nomination: Nomination, @Ctx() ctx: Context): string | null {
    ctx.viewer.insist(ctx.viewer.oversees(nomination.unitPath), 'actions.seeNominationPersonalDetails');
    return nomination.occupation;
  }

  @Mutation(() => Nomination, {
    description: 'Nominates a member for one of their province’s places under a campaign, with the information form; refused once the places are taken',
  })
  async nominateMember(@Arg('input', { description: 'The nomination and its information form' }) input: NominationInput, @Ctx() ctx: Context): Promise<Nomination> {
    const campaign = await loadCampaign(ctx, input.campaignId);
    const { member, unitPath } = await memberAt(ctx, input.memberId);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath), 'actions.nominateMembers');
    const reported = await figuresFromReports(ctx, campaign, member);
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `nominateMember:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      (manager) =>
        nominate(manager, ctx.viewer, {
          campaign,
          member,
          unitPath,
          birthYear: input.birthYear ?? null,
          occupation: input.occupation ?? null,
          achievements: input.achievements,
          residentsGuided: input.residentsGuided ?? reported.residentsGuided,
          householdVisits: input.householdVisits ?? reported.householdVisits,
          trainingsAttended: input.trainingsAttended,
        }),
      (manager, id) => manager.findOneByOrFail(Nomination, { id }),
    );
  }

  @FieldResolver(() => Boolean, { description: 'The caller may withdraw it: whoever nominated the member, until the national level decides' })
  withdrawableByMe(@Root() nomination: Nomination, @Ctx() ctx: Context): boolean {
    return ctx.viewer.subject === nomination.nominatedBy && nomination.nationalDecision === null;
  }

  @FieldResolver(() => Boolean, { description: 'The caller may decide it now: an officer over VN (the national level), while undecided' })
  decidableByMe(@Root() nomination: Nomination, @Ctx() ctx: Context): boolean {
    return nomination.nationalDecision === null && decidesNominations(ctx.viewer);
  }

  @Mutation(() => Nomination, {
    description: 'The national level (officers over VN) selects a province’s nominee for national recognition or not, with a reason (required when not selected); once',
  })
  async decideNomination(
    @Arg('id', () => ID, { description: 'The nomination' }) id: string,
    @Arg('decision', () => NominationDecision, { description: 'Selected for national recognition or not' }) decision: NominationDecision,
    @Arg('reason', () => String, { nullable: true, description: 'Why (required when not selected; up to 300 characters)' }) reason: string | null | undefined,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Nomination> {
    ctx.viewer.insist(decidesNominations(ctx.viewer), 'actions.decideNominations');
    const why = reason?.trim() || null;
    if (why && why.length > 300) throw invalidInput('reason', t('problems.over300Characters'));
    return once(
      ctx.db,
      { scope: `decideNomination:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, decision, reason: why } },
      async (manager) => {
        const nomination = await manager.findOneBy(Nomination, { id });
        if (!nomination) throw notFound('Nomination', id);
        return decideNomination(manager, ctx.viewer, nomination, { decision, reason: why });
      },
      (manager, decidedId) => manager.findOneByOrFail(Nomination, { id: decidedId }),
    );
  }

  @Mutation(() => ID, { description: 'Whoever nominated a member withdraws the nomination, freeing the province’s place; answers the withdrawn nomination’s id' })
  async withdrawNomination(
    @Arg('id', () => ID, { description: 'The nomination' }) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'A retry with the same key answers the same withdrawal' }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<string> {
    const withdrawn = await once(
      ctx.db,
      { scope: `withdrawNomination:${ctx.viewer.subject}`, key: idempotencyKey, input: { id } },
      async (manager) => {
        const nomination = await manager.findOneBy(Nomination, { id });
        if (!nomination) throw notFound('Nomination', id);
        ctx.viewer.insist(ctx.viewer.oversees(nomination.unitPath), 'actions.withdrawNominations');
        return { id: (await withdrawNomination(manager, ctx.viewer, nomination)).id };
      },
      async (_manager, withdrawnId) => ({ id: withdrawnId }),
    );
    return withdrawn.id;
  }
}

@Resolver(() => RewardProposal)
export class RewardProposalResolver {
  @Query(() => [RewardProposal], { description: 'Reward proposals of a unit and the units under it, newest first; the approval queue is those decidableByMe' })
  async rewardProposals(
    @Arg('unitCode', { description: 'The unit, by its code' }) unitCode: string,
    @Arg('status', () => ProposalStatus, { nullable: true, description: 'Only those in this status' }) status: ProposalStatus | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RewardProposal[]> {
    const unit = await loadUnit(ctx, unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.seeRewardProposals', { unitName: unit.name });
    const query = ctx.db.manager.createQueryBuilder(RewardProposal, 'proposal').where('proposal.unitPath LIKE :prefix', { prefix: `${unit.path}%` });
    if (status) query.andWhere('proposal.status = :status', { status });
    return query.orderBy('proposal.createdAt', 'DESC').addOrderBy('proposal.id', 'ASC').limit(MAX_LIST).getMany();
  }

  @FieldResolver(() => String, { description: 'The nominee’s name (personal for members and residents: officers over the proposing unit)' })
  fullName(@Root() proposal: RewardProposal, @Ctx() ctx: Context): string {
    ctx.viewer.insist(ctx.viewer.oversees(proposal.unitPath), 'actions.seeProposalSubject');
    return proposal.fullName;
  }

  @FieldResolver(() => Boolean, { description: 'The caller may decide it now: an officer of the level it has reached who did not propose it, while it waits' })
  decidableByMe(@Root() proposal: RewardProposal, @Ctx() ctx: Context): boolean {
    return decidesProposal(ctx.viewer, proposal);
  }

  @FieldResolver(() => Boolean, { description: 'The caller may withdraw it, or send it again once returned: whoever proposed it, before it is approved at the top or declined' })
  withdrawableByMe(@Root() proposal: RewardProposal, @Ctx() ctx: Context): boolean {
    return withdrawsProposal(ctx.viewer, proposal);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The name of the unit whose officers decide it now (null unless it waits)' })
  async awaitingUnitName(@Root() proposal: RewardProposal, @Ctx() ctx: Context): Promise<string | null> {
    const awaiting = awaitingPath(proposal);
    if (!awaiting) return null;
    const unit = await ctx.loaders.get(unitByAnyCode).load(codeOf(awaiting));
    return unit?.name ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'The caller may send it on to the national level: an officer over the province that approved it, once' })
  sendableToNationByMe(@Root() proposal: RewardProposal, @Ctx() ctx: Context): boolean {
    return sendsToNation(ctx.viewer, proposal);
  }

  @Mutation(() => RewardProposal, {
    description: 'Officers over the province send a proposal it approved on to the national level, whose officers (over VN) approve it onto the national honour roll or decline it; once',
  })
  async sendRewardProposalToNation(
    @Arg('id', () => ID, { description: 'The approved proposal' }) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RewardProposal> {
    return changeProposal(ctx, id, 'sendRewardProposalToNation', {}, checkedKey(idempotencyKey), (manager, proposal) => {
      ctx.viewer.insist(ctx.viewer.oversees(`/${provinceOf(proposal.unitPath)}/`), 'actions.sendToNation');
      return sendToNation(manager, ctx.viewer, proposal);
    });
  }

  @Mutation(() => RewardProposal, { description: 'A unit proposes a reward to the unit above for a member, a resident, a business or a partner' })
  async proposeReward(@Arg('input', { description: 'The proposal' }) input: RewardProposalInput, @Ctx() ctx: Context): Promise<RewardProposal> {
    const unit = await loadUnit(ctx, input.unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.proposeRewards', { unitName: unit.name });
    const campaign = input.campaignId ? await loadCampaign(ctx, input.campaignId) : null;
    const nominee = input.memberId ? await memberAt(ctx, input.memberId) : null;
    if (nominee && !nominee.unitPath.startsWith(unit.path)) throw invalidInput('memberId', t('problems.memberNotInUnit', { unitName: unit.name }));
    // A member's consent is theirs by their own phone: their report finds it, and they may withdraw it with a code to it.
    const nomineePerson = nominee ? await ctx.loaders.get(personById).load(nominee.member.personId) : undefined;
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `proposeReward:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      (manager) =>
        proposeReward(manager, ctx.viewer, {
          unit,
          campaign,
          nomineeKind: input.nomineeKind,
          fullName: input.fullName,
          member: nominee?.member ?? null,
          rewardTitle: input.rewardTitle,
          achievements: input.achievements,
          publicNameConsent: input.publicNameConsent ?? null,
          nomineePhone: nomineePerson?.phone ?? null,
        }),
      (manager, id) => manager.findOneByOrFail(RewardProposal, { id }),
    );
  }

  @Mutation(() => RewardProposal, {
    description:
      'Officers of the level a reward proposal has reached approve it (on to the level above; at the province it joins the honour roll), return it to the proposer or decline it, with a reason for both; once per level',
  })
  async decideRewardProposal(
    @Arg('id', () => ID, { description: 'The proposal' }) id: string,
    @Arg('decision', () => ProposalDecision, { description: 'Approve, return or decline' }) decision: ProposalDecision,
    @Arg('reason', () => String, { nullable: true, description: 'Required to return or decline (up to 300 characters)' }) reason: string | null | undefined,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'A retry with the same key answers the same decision' }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RewardProposal> {
    if (reason && reason.length > 300) throw invalidInput('reason', t('problems.over300Characters'));
    return changeProposal(ctx, id, 'decideRewardProposal', { decision, reason }, idempotencyKey, (manager, proposal) => {
      const above = pathAbove(proposal.unitPath);
      ctx.viewer.insist(above !== null && ctx.viewer.oversees(above), 'actions.decideRewardProposals');
      return decideProposal(manager, ctx.viewer, proposal, { decision, reason: reason ?? null });
    });
  }

  @Mutation(() => RewardProposal, { description: 'Whoever proposed a reward withdraws it before it is approved at the top or declined' })
  async withdrawRewardProposal(
    @Arg('id', () => ID, { description: 'The proposal' }) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'A retry with the same key answers the same withdrawal' }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RewardProposal> {
    return changeProposal(ctx, id, 'withdrawRewardProposal', {}, idempotencyKey, (manager, proposal) => withdrawProposal(manager, ctx.viewer, proposal));
  }

  @Mutation(() => RewardProposal, { description: 'Whoever proposed a returned reward sends it again, reworked: it starts up the tree from the first level' })
  async resubmitRewardProposal(
    @Arg('id', () => ID, { description: 'The returned proposal' }) id: string,
    @Arg('achievements', { description: 'The achievements, reworked as the return asked (10 to 2000 characters)' }) achievements: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'A retry with the same key answers the same resubmission' }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RewardProposal> {
    const reworked = achievements.trim();
    if (reworked.length < 10 || reworked.length > 2000) throw invalidInput('achievements', t('problems.achievementsLength'));
    return changeProposal(ctx, id, 'resubmitRewardProposal', { achievements: reworked }, idempotencyKey, (manager, proposal) =>
      resubmitProposal(manager, ctx.viewer, proposal, reworked),
    );
  }
}

/**
 * A change to a proposal, once per idempotency key: the proposal is read in the transaction, and
 * the callers' own authorization check comes first in `change`.
 */
async function changeProposal(
  ctx: Context,
  id: string,
  action: string,
  input: Record<string, unknown>,
  idempotencyKey: string | null | undefined,
  change: (manager: EntityManager, proposal: RewardProposal) => Promise<RewardProposal>,
): Promise<RewardProposal> {
  return once(
    ctx.db,
    { scope: `${action}:${ctx.viewer.subject}`, key: idempotencyKey, input: { id, ...input } },
    async (manager) => {
      const proposal = await manager.findOneBy(RewardProposal, { id });
      if (!proposal) throw notFound('RewardProposal', id);
      ctx.viewer.insist(ctx.viewer.oversees(proposal.unitPath), 'actions.changeRewardProposals');
      return change(manager, proposal);
    },
    (manager, changedId) => manager.findOneByOrFail(RewardProposal, { id: changedId }),
  );
}

@ObjectType({ description: 'An approved reward on the public honour roll: names and achievements only, never contacts' })
export class HonourRollEntry {
  @Field(() => ID, { description: 'The approved proposal' })
  id: string;

  @Field(() => String, { nullable: true, description: 'The name: organisations always, members and residents only while their consent to be named holds (else null)' })
  name: string | null;

  @Field(() => NomineeKind, { description: 'Who was rewarded' })
  nomineeKind: NomineeKind;

  @Field({ description: 'The reward' })
  rewardTitle: string;

  @Field(() => String, {
    nullable: true,
    description: 'Achievements in words: organisations always, members and residents only while their consent to be named holds (words about a person can point to them; else null)',
  })
  achievements: string | null;

  @Field({ description: 'The proposing unit’s name' })
  unitName: string;

  @Field(() => LocalDateResolver, { description: 'When it was approved (on the national roll: when the national level approved it)' })
  approvedOn: string;

  @Field(() => String, { nullable: true, description: 'The campaign it recognises, if any' })
  campaignTitle: string | null;
}

@Resolver(() => HonourRollEntry)
export class HonourRollResolver {
  @Query(() => [HonourRollEntry], { description: 'The public honour roll of a unit and the units under it: approved rewards, newest first; of VN, the national honour roll (what the national level approved)' })
  async honourRoll(
    @Arg('unitCode', { description: 'The unit, by its code' }) unitCode: string,
    @Arg('year', () => Int, { nullable: true, description: 'Only rewards approved that year' }) year: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<HonourRollEntry[]> {
    const unit = await loadUnit(ctx, unitCode);
    if (year != null && (year < 2020 || year > 2100)) throw invalidInput('year', t('problems.year2020To2100'));
    // The nation's roll holds what the national level approved, as of its approval; a unit's, what its province approved.
    const national = unit.path === NATION_PATH;
    const [statusColumn, dateColumn] = national ? ['proposal.nationalStatus', 'proposal.nationalDecidedOn'] : ['proposal.status', 'proposal.decidedOn'];
    const query = ctx.db.manager
      .createQueryBuilder(RewardProposal, 'proposal')
      .where('proposal.unitPath LIKE :prefix', { prefix: `${unit.path}%` })
      .andWhere(`${statusColumn} = :approved`, { approved: ProposalStatus.APPROVED });
    if (year != null) query.andWhere(`${dateColumn} BETWEEN :first AND :last`, { first: `${year}-01-01`, last: `${year}-12-31` });
    const approved = await query.orderBy(dateColumn, 'DESC').addOrderBy('proposal.id', 'ASC').limit(MAX_LIST).getMany();
    // One query each for the consents, the units and the campaigns of the whole roll.
    const [consents, units, campaigns] = await Promise.all([
      ctx.loaders.get(consentsOfRecord).loadMany(approved.map((proposal) => proposal.id)),
      ctx.loaders.get(unitByAnyCode).loadMany(approved.map((proposal) => proposal.unitCode)),
      ctx.loaders.get(campaignById).loadMany(approved.flatMap((proposal) => (proposal.campaignId ? [proposal.campaignId] : []))),
    ]);
    const titles = new Map(campaigns.flatMap((campaign) => (campaign && !(campaign instanceof Error) ? [[campaign.id, campaign.title]] : [])));
    return approved.map((proposal, index) => {
      const given = consents[index];
      const named = namedOnRoll(proposal, Array.isArray(given) ? given : []);
      const place = units[index];
      return {
        id: proposal.id,
        name: named ? proposal.fullName : null,
        nomineeKind: proposal.nomineeKind,
        rewardTitle: proposal.rewardTitle,
        achievements: named ? proposal.achievements : null,
        unitName: place && !(place instanceof Error) ? place.name : proposal.unitCode,
        approvedOn: (national ? proposal.nationalDecidedOn : proposal.decidedOn)!,
        campaignTitle: proposal.campaignId ? titles.get(proposal.campaignId) ?? null : null,
      };
    });
  }

  @Mutation(() => Consent, {
    description:
      'A member or resident withdraws their consent to be named on the public honour roll (themselves: the member signed in, or with a one-time code to the phone the consent was given with or the member’s own; ' +
      'or an officer over the proposing unit for them): from then on the roll shows the reward without their name or achievements; the proposal and its decisions stay',
  })
  async withdrawHonourRollConsent(
    @Arg('proposalId', () => ID, { description: 'The reward proposal whose consent to be named is withdrawn' }) proposalId: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Consent> {
    const proposal = await ctx.db.manager.findOneBy(RewardProposal, { id: proposalId });
    if (!proposal) throw notFound('RewardProposal', proposalId);
    return withdrawConsentOf(ctx, {
      record: proposal,
      unitPath: proposal.unitPath,
      action: 'withdrawHonourRollConsent',
      callerIsThePerson: isTheNominee(ctx, await nomineePerson(ctx, proposal), proposal),
      idempotencyKey: checkedKey(idempotencyKey),
      // The roll reads the consent on every request: the name leaves it when this commits, and nothing else relied on it.
      stop: async () => undefined,
    });
  }

  @Mutation(() => Consent, {
    description:
      'A member or resident gives their consent to be named on the public honour roll after the reward was proposed (themselves: the member signed in, or with a one-time code to the member’s own phone ' +
      'or to the phone of a consent they withdrew; or an officer over the proposing unit entering their answer): from then on the roll shows their name and achievements',
  })
  async giveHonourRollConsent(
    @Arg('proposalId', () => ID, { description: 'The reward proposal naming the person' }) proposalId: string,
    @Arg('consent', () => ResidentConsentInput, { description: 'The consent: the notice version shown, how and when it was given (the person’s own: on the hub’s form, today)' }) consent: ResidentConsentInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Consent> {
    const proposal = await ctx.db.manager.findOneBy(RewardProposal, { id: proposalId });
    if (!proposal) throw notFound('RewardProposal', proposalId);
    const person = await nomineePerson(ctx, proposal);
    const callerIsThePerson = isTheNominee(ctx, person, proposal);
    if (!PERSONAL_NOMINEES.includes(proposal.nomineeKind)) throw invalidInput('proposalId', t('problems.onlyForPerson'));
    return giveConsentLater(ctx, {
      record: proposal,
      unitPath: proposal.unitPath,
      action: 'giveHonourRollConsent',
      purpose: ConsentPurpose.HONOUR_ROLL,
      consent,
      // A member's consent is theirs by their own phone, as one given with the proposal.
      phone: person?.phone ?? null,
      callerIsThePerson,
      idempotencyKey,
    });
  }
}

/** The person behind the membership a proposal names (none for residents, businesses and partners). */
async function nomineePerson(ctx: Context, proposal: RewardProposal): Promise<Person | undefined> {
  const member = proposal.memberId ? await ctx.loaders.get(memberById).load(proposal.memberId) : undefined;
  return member ? ctx.loaders.get(personById).load(member.personId) : undefined;
}

/** Whether the caller is the member a proposal names: signed in with that membership, or with a one-time code to the member's own phone. */
function isTheNominee(ctx: Context, person: Person | undefined, proposal: RewardProposal): boolean {
  if (!proposal.memberId) return false;
  if (ctx.viewer.isMember(proposal.memberId)) return true;
  const key = ctx.viewer.dataSubjectKey;
  return key !== null && person?.phoneHash === key;
}

@ObjectType({ description: 'A reward proposed for the person, and whether the public honour roll names them' })
class PersonalReward {
  @Field(() => ID, { description: 'The reward proposal (withdrawHonourRollConsent takes it)' })
  id: string;

  @Field({ description: 'The reward' })
  rewardTitle: string;

  @Field(() => ProposalStatus, { description: 'Where the proposal stands: approved ones are on the honour roll' })
  status: ProposalStatus;

  @Field({ description: 'The name the proposal gives' })
  fullName: string;

  @Field({ description: 'The honour roll names the person now: approved, and their consent holds' })
  namedOnHonourRoll: boolean;

  @Field(() => Consent, { nullable: true, description: 'The consent to be named given with it (null: never given, so never named)' })
  consent: Consent | null;
}

/** The person's rewards, in their report: what the honour roll says about them, and the consent to withdraw. */
@Resolver(() => DataSubject)
export class DataSubjectRewardsResolver {
  @FieldResolver(() => [PersonalReward], { description: 'Rewards proposed for the person (as a member, by their phone; as a resident, by the phone given with the consent), newest first' })
  async rewards(@Root() subject: InstanceType<typeof DataSubject>, @Ctx() ctx: Context): Promise<PersonalReward[]> {
    insistDataSubject(ctx, subject);
    return personalRewards(ctx.db.manager, await rewardsOfSubject(ctx.db.manager, subject.key, MAX_LIST));
  }
}

/** A member signed in sees their own rewards without the one-time code: the same list as their report's. */
@Resolver(() => Member)
export class MemberRewardsResolver {
  @FieldResolver(() => [PersonalReward], {
    description: 'Rewards proposed for this member (by their phone: every membership of theirs), newest first, with whether the honour roll names them: the member themselves only, signed in',
  })
  async rewards(@Root() member: Member, @Ctx() ctx: Context): Promise<PersonalReward[]> {
    ctx.viewer.insist(ctx.viewer.isMember(member.id), 'actions.seeOwnRewards');
    const person = await ctx.loaders.get(personById).load(member.personId);
    return personalRewards(ctx.db.manager, await rewardsOfMember(ctx.db.manager, member, person, MAX_LIST));
  }
}

/** Rewards as the person reads them: whether the roll names them, and the consent to be named (one query for the consents). */
async function personalRewards(manager: EntityManager, proposals: RewardProposal[]): Promise<PersonalReward[]> {
  const consents = await consentsOf(manager, RewardProposal.name, proposals.map((proposal) => proposal.id));
  return proposals.map((proposal) => {
    const given = consents.filter((consent) => consent.recordId === proposal.id);
    return {
      id: proposal.id,
      rewardTitle: proposal.rewardTitle,
      status: proposal.status,
      fullName: proposal.fullName,
      namedOnHonourRoll: proposal.status === ProposalStatus.APPROVED && namedOnRoll(proposal, given),
      consent: given.find((consent) => consent.purpose === ConsentPurpose.HONOUR_ROLL) ?? null,
    };
  });
}
