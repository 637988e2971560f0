import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { oncePerRequest, type Context } from '../../common/context';
import { phoneHash } from '../../common/personal-data';
import { recordRead } from '../../common/personal-data-reads';
import { isRestricted } from '../../common/restriction';
import type { LoaderFactory } from '../../common/loaders';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { managesTeam } from '../access';
import { Member, MemberRole, Person, Team } from '../entities';
import { activeMembershipsOfPerson, memberById, personById, personNameById, teamById } from '../loaders';
import { announceNewPhoneOf } from '../domain-events';
import { changeRole, lockTeam } from '../services/roster';
import { ContactInput } from './inputs';
import { loadTeam, unitPathOf } from './team.resolver';
import { t } from '../../common/messages';

/** The member a keyed write answered the first time, for its retry. */
const replayMember = (manager: EntityManager, id: string): Promise<Member> => manager.findOneByOrFail(Member, { id });

export async function loadMember(ctx: Context, id: string): Promise<Member> {
  const member = await ctx.loaders.get(memberById).load(id);
  if (!member) throw notFound('Member', id);
  return member;
}

/** The member's person, whole (`personById`) or only what a roster shows (`personNameById`). */
async function loadPerson<P>(ctx: Context, member: Member, loader: LoaderFactory<string, P | undefined>): Promise<P> {
  const person = await ctx.loaders.get(loader).load(member.personId);
  if (!person) throw notFound('Person', member.personId);
  return person;
}

/**
 * Names are personal data too (handbook, chapter III §3.1; Law 91/2025/QH15): the team's leader
 * and deputies, officers over its unit and admins see them, and partners and organisers who work
 * with the team (asked of the partners and events subgraphs: see common/working-relations.ts).
 * Anyone else gets null and a FORBIDDEN error on the field, as for phones and addresses.
 * Decided once per team and request, not for each member of a roster.
 */
const insistMayReadNames = oncePerRequest(async (ctx: Context, teamId: string) => {
  const team = await loadTeam(ctx, teamId);
  const works = (await managesTeam(ctx, team)) || (await ctx.relations.worksWithTeam(team.id));
  ctx.viewer.insist(works, 'actions.seeMemberNames', { teamName: team.name });
});

async function nameOf(ctx: Context, member: Member): Promise<Pick<Person, 'fullName' | 'phoneHash'>> {
  await insistMayReadNames(ctx, member.teamId);
  return loadPerson(ctx, member, personNameById);
}

/**
 * Phone numbers and addresses are personal data (handbook, chapter III §3): only the
 * team's leader and deputies, officers over its unit and admins see them.
 */
const insistMayReadContacts = oncePerRequest(async (ctx: Context, teamId: string) => {
  const team = await loadTeam(ctx, teamId);
  ctx.viewer.insist(await managesTeam(ctx, team), 'actions.seeMemberContacts', { teamName: team.name });
});

async function personalData(ctx: Context, member: Member): Promise<Person> {
  await insistMayReadContacts(ctx, member.teamId);
  return loadPerson(ctx, member, personById);
}

/**
 * A person whose processing is restricted (Law 91/2025/QH15: they asked, an officer did it) stays on
 * the roster, marked, but their phone and address are withheld from everyone who may read them:
 * nobody calls or visits them about new work until they ask for the restriction to be lifted.
 */
async function contactsOf(ctx: Context, member: Member): Promise<Person | null> {
  const person = await personalData(ctx, member);
  return (await isRestricted(ctx, person.phoneHash)) ? null : person;
}

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => Member, { nullable: true, description: 'A team member, by the membership’s identifier' })
  member(@Arg('id', () => ID, { description: 'The membership’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Member | undefined> {
    return ctx.loaders.get(memberById).load(id);
  }

  @FieldResolver(() => Team, { description: 'The team this membership is in' })
  team(@Root() member: Member, @Ctx() ctx: Context): Promise<Team> {
    return loadTeam(ctx, member.teamId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Personal data: leaders, officers over the unit, admins, and partners and organisers working with the team (else null)',
  })
  async fullName(@Root() member: Member, @Ctx() ctx: Context): Promise<string> {
    return (await nameOf(ctx, member)).fullName;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the person asked to restrict the processing of their data: kept on the roster, phone and address withheld, offered nothing new until lifted (who may read names, else null)',
  })
  async processingRestricted(@Root() member: Member, @Ctx() ctx: Context): Promise<boolean> {
    return isRestricted(ctx, (await nameOf(ctx, member)).phoneHash);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Personal data: leaders, officers over the unit, admins (each read is recorded); null while the person’s processing is restricted',
  })
  async phone(@Root() member: Member, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    const person = await contactsOf(ctx, member);
    return person && recordRead(ctx, info, person.id, person.phone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Personal data: leaders, officers over the unit, admins (each read is recorded); null while the person’s processing is restricted',
  })
  async address(@Root() member: Member, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    const person = await contactsOf(ctx, member);
    return person && recordRead(ctx, info, person.id, person.address);
  }

  @FieldResolver(() => [Team], { description: 'Every team this person is an active member of (e.g. commune and village)' })
  async teams(@Root() member: Member, @Ctx() ctx: Context): Promise<Team[]> {
    const memberships = await ctx.loaders.get(activeMembershipsOfPerson).load(member.personId);
    const teams = await ctx.loaders.get(teamById).loadMany(memberships.map((membership) => membership.teamId));
    return teams.filter((team): team is Team => team instanceof Team);
  }

  @Mutation(() => Member, {
    description: 'Changes a member’s role (not to or from LEADER: see appointLeader), within the member limit',
  })
  async changeMemberRole(
    @Arg('memberId', () => ID, { description: 'The member whose role changes' }) memberId: string,
    @Arg('role', () => MemberRole, { description: 'The member’s new role' }) role: MemberRole,
    @Arg('standingDeputy', { defaultValue: false, description: 'Only for a DEPUTY: whether they stand in for the leader' }) standingDeputy: boolean,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Member> {
    const member = await loadMember(ctx, memberId);
    const team = await loadTeam(ctx, member.teamId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.changeRoles', { teamName: team.name });
    if (role === MemberRole.LEADER) throw invalidInput('role', t('problems.useAppointLeader'));
    if (standingDeputy && role !== MemberRole.DEPUTY) throw invalidInput('standingDeputy', t('problems.onlyDeputyStanding'));

    return once(
      ctx.db,
      { scope: `changeMemberRole:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { memberId, role, standingDeputy } },
      async (manager) => {
        await lockTeam(ctx.db, manager, team.id);
        const current = await manager.findOneByOrFail(Member, { id: member.id });
        if (!current.active) throw conflict(t('conflicts.personLeftTeam'));
        const before = { role: current.role, standingDeputy: current.standingDeputy };
        const after = await changeRole(manager, team, current, role, standingDeputy);
        await audit(manager, ctx.viewer, { action: 'changeMemberRole', entity: after, unitPath: await unitPathOf(ctx, team), before, after: { role, standingDeputy } });
        return after;
      },
      replayMember,
    );
  }

  @Mutation(() => Member, { description: 'Updates a member’s phone and address (personal data)' })
  async updateMemberContact(
    @Arg('memberId', () => ID, { description: 'The member whose contact details change' }) memberId: string,
    @Arg('input', { description: 'The new contact details' }) input: ContactInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Member> {
    const member = await loadMember(ctx, memberId);
    const person = await personalData(ctx, member);
    const phoneBefore = person.phoneHash;
    if (input.phone !== undefined) person.phone = input.phone;
    if (input.address !== undefined) person.address = input.address;
    const team = await loadTeam(ctx, member.teamId);
    return once(
      ctx.db,
      // The key's row keeps a hash of the request, never the contact details themselves.
      { scope: `updateMemberContact:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { memberId, ...input } },
      async (manager) => {
        await manager.save(person);
        await announceNewPhoneOf(manager, person.id, phoneBefore, phoneHash(person.phone));
        // Personal data stays out of the trail: it says what changed, not to what.
        const changed = { phone: input.phone !== undefined, address: input.address !== undefined };
        await audit(manager, ctx.viewer, { action: 'updateMemberContact', entity: member, unitPath: await unitPathOf(ctx, team), after: { changed } });
        return member;
      },
      replayMember,
    );
  }
}
