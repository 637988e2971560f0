import { collectSubFields } from '@graphql-tools/utils';
import { getNamedType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { oncePerRequest, valueOf, type Context } from '../../common/context';
import { notFound } from '../../common/errors';
import { t } from '../../common/messages';
import { loadTeam, managesTeam } from '../access';
import type { Member, Person } from '../entities';
import { personNameById } from '../loaders';

/** What a roster shows of a member: the name, and the phone's hash (whether their processing is restricted). */
export type RosterName = Pick<Person, 'fullName' | 'phoneHash'>;

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
  ctx.viewer.insist(works, () => t('actions.seeMemberNames', { teamName: team.name }));
});

/** A person's roster name, read once per request (the loader batches a roster's). */
const rosterName = oncePerRequest((ctx: Context, personId: string) => ctx.loaders.get(personNameById).load(personId));

function found(member: Member, person: RosterName | undefined): RosterName {
  if (!person) throw notFound('Person', member.personId);
  return person;
}

/**
 * A member's roster name: at once when the roster settled its access decision and names before
 * its members' fields were resolved (readRosterNames), else read now. At once, a page of 50 teams
 * costs no promise for each of its ~500 names (graphql-js waits on an object's fields together
 * when one of them is a promise).
 */
export function nameOf(ctx: Context, member: Member): RosterName | Promise<RosterName> {
  const access = insistMayReadNames.settled(ctx, member.teamId);
  if (access) valueOf(access); // a refusal, thrown at once
  const name = rosterName.settled(ctx, member.personId);
  if (access && name) return found(member, valueOf(name));
  return (async () => {
    await insistMayReadNames(ctx, member.teamId);
    return found(member, await rosterName(ctx, member.personId));
  })();
}

/** Whether the list being resolved asks its members for their names (through fragments too, under any alias). */
export function asksForNames(info: GraphQLResolveInfo): boolean {
  // The same nodes for every team of a page: collectSubFields works them out once (memoized).
  const { fields } = collectSubFields(info.schema, info.fragments, info.variableValues, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes as FieldNode[]);
  return [...fields.values()].some(([field]) => field.name.value === 'fullName');
}

/**
 * Settles what a roster's names need before its members' fields are resolved: the access decision
 * and, if granted, every name in one batch. A refusal settles too: each name field answers it.
 */
export async function readRosterNames(ctx: Context, teamId: string, members: readonly Member[]): Promise<void> {
  try {
    await insistMayReadNames(ctx, teamId);
  } catch {
    return;
  }
  await Promise.allSettled(members.map((member) => rosterName(ctx, member.personId)));
}
