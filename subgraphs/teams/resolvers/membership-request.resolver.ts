import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { In, type EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { Consent, ConsentPurpose, recordConsent, requireConsent, withdrawConsentOf } from '../../common/consent';
import type { Context } from '../../common/context';
import { recordRead } from '../../common/personal-data-reads';
import { todayInVietnam } from '../../common/dates';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { checkedKey, claimOnce, idempotentTransaction, once, RETRY_KEY, type IdempotentRequest } from '../../common/idempotency';
import { ApplicationReferenceInput, newReferenceCode } from '../../common/reference-codes';
import { decidesForTeam, managesTeam } from '../access';
import {
  AdministrativeUnit,
  Member,
  MemberRole,
  MembershipRequest,
  MembershipRequestKind,
  MembershipRequestStatus,
  Team,
  TeamStatus,
} from '../entities';
import { memberById, personById } from '../loaders';
import { findJoinRequestByReference } from '../services/join-references';
import { countsAsRegular, enrol, limitReached, lockTeam, memberLimitAt, refuseSecondJoin } from '../services/roster';
import { candidateFrom } from './candidates';
import { JoinRequestInput, LeaveRequestInput } from './inputs';
import { loadMember } from './member.resolver';
import { recordMembershipRequestEvent } from '../domain-events';
import { loadTeam, unitPathOf } from './team.resolver';
import { t } from '../../common/messages';

const OPEN = [MembershipRequestStatus.PENDING, MembershipRequestStatus.RECOMMENDED];

async function loadRequest(ctx: Context, id: string): Promise<MembershipRequest> {
  const request = await ctx.db.manager.findOneBy(MembershipRequest, { id });
  if (!request) throw notFound('MembershipRequest', id);
  return request;
}

/** The applicant's details, for the team's leaders, officers over it and admins. */
async function applicant(ctx: Context, request: MembershipRequest) {
  const team = await loadTeam(ctx, request.teamId);
  ctx.viewer.insist(await managesTeam(ctx, team), 'actions.seeApplicantDetails', { teamName: team.name });
  const person = request.personId ? await ctx.loaders.get(personById).load(request.personId) : undefined;
  return person
    ? { name: person.fullName, phone: person.phone, address: person.address }
    : { name: request.applicantName, phone: request.applicantPhone, address: request.applicantAddress };
}

/** The reference code, shown only in the answer to requestToJoin: nobody else may read it. */
const revealed = new WeakSet<MembershipRequest>();
/** requestToJoin's answer when the team is already full: the member limit it has reached. */
const fullOnApplication = new WeakMap<MembershipRequest, number>();

/**
 * Saves a request and its audit entry together, once per idempotency key when one is given;
 * applicants' details stay out of the trail. `check` runs first with the team locked (see
 * lockTeam): the team's requests and roster it reads are then current, and no concurrent
 * request of the team can pass the same check.
 */
async function saveAudited(
  ctx: Context,
  action: string,
  team: Team,
  request: MembershipRequest,
  check: (manager: EntityManager) => Promise<void>,
  idempotent?: IdempotentRequest,
  /** What else lands with the request (the applicant's consent). */
  alongside?: (manager: EntityManager, saved: MembershipRequest) => Promise<unknown>,
): Promise<MembershipRequest> {
  const unitPath = await unitPathOf(ctx, team);
  const work = async (manager: EntityManager) => {
    await lockTeam(ctx.db, manager, team.id);
    await check(manager);
    const saved = await manager.save(request);
    await alongside?.(manager, saved);
    const { applicantName, applicantPhone, applicantAddress, referenceCode, ...kept } = saved;
    await audit(manager, ctx.viewer, { action, entity: saved, unitPath, after: kept });
    await recordMembershipRequestEvent(manager, saved, unitPath);
    return saved;
  };
  return idempotent
    ? idempotentTransaction(ctx.db, (manager) => claimOnce(manager, idempotent, () => work(manager), (id) => replayRequest(manager, id)))
    : ctx.db.transaction(work);
}

/** The request a keyed write answered the first time, for its retry. */
const replayRequest = (manager: EntityManager, id: string): Promise<MembershipRequest> => manager.findOneByOrFail(MembershipRequest, { id });

@Resolver(() => MembershipRequest)
export class MembershipRequestResolver {
  @Query(() => [MembershipRequest], { description: 'A team’s requests to join or leave, newest first' })
  async membershipRequests(
    @Arg('teamId', () => ID, { description: 'The team whose requests to list' }) teamId: string,
    @Arg('openOnly', { defaultValue: false, description: 'Only those still waiting for a decision' }) openOnly: boolean,
    @Ctx() ctx: Context,
  ): Promise<MembershipRequest[]> {
    const team = await loadTeam(ctx, teamId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.seeTeamRequests', { teamName: team.name });
    return ctx.db.manager.find(MembershipRequest, {
      where: { teamId, ...(openOnly ? { status: In(OPEN) } : {}) },
      order: { createdAt: 'DESC' },
    });
  }

  @FieldResolver(() => Team, { description: 'The team the request is about' })
  team(@Root() request: MembershipRequest, @Ctx() ctx: Context): Promise<Team> {
    return loadTeam(ctx, request.teamId);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'LEAVE: who leaves. JOIN: the membership created on approval' })
  async member(@Root() request: MembershipRequest, @Ctx() ctx: Context): Promise<Member | undefined> {
    return request.memberId ? ctx.loaders.get(memberById).load(request.memberId) : undefined;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'JOIN: the applicant’s reference code, only in the answer to requestToJoin (with their phone it finds and withdraws the request)',
  })
  referenceCode(@Root() request: MembershipRequest): string | null {
    return revealed.has(request) ? request.referenceCode : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the applicant should know about the role they asked for, in Vietnamese (e.g. enrolled as a collaborator because the team is full)',
  })
  notice(@Root() request: MembershipRequest): string | null {
    if (request.enrolledAsCollaboratorAtLimit !== null) {
      return `Đã nhận vào tổ với vai trò cộng tác viên, không phải thành viên, vì tổ đã đủ ${request.enrolledAsCollaboratorAtLimit} thành viên (giới hạn số thành viên của tổ).`;
    }
    const limit = fullOnApplication.get(request);
    return limit === undefined
      ? null
      : `Tổ đã đủ ${limit} thành viên (giới hạn số thành viên của tổ): nếu đơn được duyệt, người xin gia nhập sẽ là cộng tác viên của tổ.`;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data' })
  async applicantName(@Root() request: MembershipRequest, @Ctx() ctx: Context): Promise<string | null> {
    return (await applicant(ctx, request)).name;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data' })
  async applicantPhone(@Root() request: MembershipRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return recordRead(ctx, info, request.personId ?? request.id, (await applicant(ctx, request)).phone);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data' })
  async applicantAddress(@Root() request: MembershipRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return recordRead(ctx, info, request.personId ?? request.id, (await applicant(ctx, request)).address);
  }

  @Mutation(() => MembershipRequest, {
    description:
      'A resident applies to join a team (no sign-in needed; then with a phone, which with the reference code in the answer ' +
      'finds and withdraws the request); the leader then recommends it',
  })
  async requestToJoin(@Arg('input', { description: 'The resident’s application to the team' }) input: JoinRequestInput, @Ctx() ctx: Context): Promise<MembershipRequest> {
    const team = await loadTeam(ctx, input.teamId);
    if (team.status !== TeamStatus.ACTIVE) throw conflict(t('conflicts.teamNotTakingMembers', { teamName: team.name, teamStatus: t(`enums.TeamStatus.${team.status}`) }));
    if (input.applicant.role === MemberRole.LEADER) {
      throw invalidInput('applicant.role', t('problems.leaderAppointed'));
    }
    if (!ctx.viewer.isAuthenticated && !input.applicant.phone) {
      throw invalidInput('applicant.phone', t('problems.phoneForReference'));
    }
    const consent = requireConsent(input.consent);
    const candidate = await candidateFrom(ctx, input.applicant, 'applicant');
    const { idempotencyKey, ...fields } = input;
    const request = ctx.db.manager.create(MembershipRequest, {
      kind: MembershipRequestKind.JOIN,
      teamId: team.id,
      personId: candidate.personId ?? null,
      applicantName: candidate.person?.fullName ?? null,
      applicantPhone: candidate.person?.phone ?? null,
      applicantAddress: candidate.person?.address ?? null,
      affiliation: candidate.affiliation,
      requestedRole: candidate.role,
      reason: input.reason ?? null,
      requestedBy: ctx.viewer.subject,
      referenceCode: newReferenceCode(),
    });
    let full: number | null = null;
    const saved = await saveAudited(
      ctx,
      'requestToJoin',
      team,
      request,
      async (manager) => {
        await refuseSecondJoin(manager, team, candidate);
        full = countsAsRegular(candidate.role) ? await limitReached(manager, team) : null;
      },
      { scope: `requestToJoin:${ctx.viewer.subject ?? 'resident'}`, key: idempotencyKey, input: fields },
      (manager, saved) => recordConsent(manager, ctx.viewer, saved, ConsentPurpose.TEAM_MEMBERSHIP, consent, saved.applicantPhone),
    );
    revealed.add(saved);
    if (full !== null) fullOnApplication.set(saved, full);
    return saved;
  }

  @Query(() => MembershipRequest, {
    description: 'A request to join found by the phone it was made with and its reference code (no sign-in); a few wrong phones lock the code',
  })
  membershipRequestByReference(@Arg('input', { description: 'The phone and reference code given at application' }) input: ApplicationReferenceInput, @Ctx() ctx: Context): Promise<MembershipRequest> {
    return findJoinRequestByReference(ctx.db, input);
  }

  @Mutation(() => MembershipRequest, {
    description: 'The applicant withdraws a request to join still waiting for a decision, with the phone and reference code (no sign-in)',
  })
  async withdrawMembershipRequest(
    @Arg('input', { description: 'The phone and reference code given at application' }) input: ApplicationReferenceInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<MembershipRequest> {
    const found = await findJoinRequestByReference(ctx.db, input);
    const team = await loadTeam(ctx, found.teamId);
    const unitPath = await unitPathOf(ctx, team);
    return once(
      ctx.db,
      // The applicant has no account: their key is theirs by the request it withdraws.
      { scope: `withdrawMembershipRequest:${ctx.viewer.subject ?? found.id}`, key: checkedKey(idempotencyKey), input: { id: found.id } },
      async (manager) => {
        await lockTeam(ctx.db, manager, team.id);
        const current = await manager.findOneByOrFail(MembershipRequest, { id: found.id });
        // Withdrawing twice without a key (two taps, each a fresh send) answers the same.
        if (current.status === MembershipRequestStatus.WITHDRAWN) return current;
        if (!OPEN.includes(current.status)) {
          throw conflict(t('conflicts.requestDecided'), { field: 'referenceCode' });
        }
        const withdrawn = await manager.save(Object.assign(current, { status: MembershipRequestStatus.WITHDRAWN, decidedAt: new Date() }));
        await audit(manager, ctx.viewer, { action: 'withdrawMembershipRequest', entity: withdrawn, unitPath, before: { status: found.status }, after: { status: withdrawn.status } });
        return withdrawn;
      },
      replayRequest,
    );
  }

  @Mutation(() => Consent, {
    description:
      'The applicant withdraws the consent given with a request to join (themselves, with a one-time code to their phone, or an officer over the team’s unit for them): ' +
      'a request still waiting is withdrawn, and its phone and address are erased; a membership already decided stays',
  })
  async withdrawJoinApplicationConsent(@Arg('id', () => ID, { description: 'The application whose consent is withdrawn' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Consent> {
    const request = await loadRequest(ctx, id);
    const team = await loadTeam(ctx, request.teamId);
    return withdrawConsentOf(ctx, {
      idempotencyKey,
      record: request,
      unitPath: await unitPathOf(ctx, team),
      action: 'withdrawJoinApplicationConsent',
      stop: async (manager) => {
        await lockTeam(ctx.db, manager, team.id);
        const current = await manager.findOneByOrFail(MembershipRequest, { id });
        if (OPEN.includes(current.status)) Object.assign(current, { status: MembershipRequestStatus.WITHDRAWN, decidedAt: new Date() });
        // Nobody contacts the applicant about it again; their name stays with the team's record of the request.
        await manager.save(Object.assign(current, { applicantPhone: null, applicantAddress: null }));
      },
    });
  }

  @Mutation(() => MembershipRequest, {
    description: 'A member asks to leave: themselves (signed in as MEMBER), or filed for them by the team’s leaders or an officer',
  })
  async requestToLeave(@Arg('input', { description: 'The request to leave' }) input: LeaveRequestInput, @Ctx() ctx: Context): Promise<MembershipRequest> {
    const member = await loadMember(ctx, input.memberId);
    const team = await loadTeam(ctx, member.teamId);
    ctx.viewer.insist(ctx.viewer.isMember(member.id) || (await managesTeam(ctx, team)), 'actions.fileRequests', { teamName: team.name });
    const { idempotencyKey, ...fields } = input;
    const request = ctx.db.manager.create(MembershipRequest, {
      kind: MembershipRequestKind.LEAVE,
      teamId: team.id,
      memberId: member.id,
      reason: input.reason ?? null,
      requestedBy: ctx.viewer.subject,
    });
    return saveAudited(ctx, 'requestToLeave', team, request, async (manager) => {
      const current = await manager.findOneByOrFail(Member, { id: member.id });
      if (!current.active) throw conflict(t('conflicts.personAlreadyLeft'));
      if (current.role === MemberRole.LEADER) throw conflict(t('conflicts.leaderCannotLeave'));
      const open = await manager.countBy(MembershipRequest, { memberId: member.id, status: In(OPEN) });
      if (open > 0) throw conflict(t('conflicts.requestWaiting'));
    }, { scope: `requestToLeave:${ctx.viewer.subject}`, key: idempotencyKey, input: fields });
  }

  @Mutation(() => MembershipRequest, { description: 'The team leader recommends (joining) or proposes (leaving)' })
  async recommendMembershipRequest(@Arg('id', () => ID, { description: 'The request the leader recommends' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<MembershipRequest> {
    const request = await loadRequest(ctx, id);
    const team = await loadTeam(ctx, request.teamId);
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.recommendRequests', { teamName: team.name });
    Object.assign(request, {
      status: MembershipRequestStatus.RECOMMENDED,
      recommendedBy: ctx.viewer.subject,
      recommendedAt: new Date(),
    });
    return saveAudited(
      ctx,
      'recommendMembershipRequest',
      team,
      request,
      async (manager) => {
        // Read afresh under the lock: a decision in the meantime must not be overwritten.
        const { status } = await manager.findOneByOrFail(MembershipRequest, { id });
        if (status !== MembershipRequestStatus.PENDING) throw conflict(t('conflicts.requestAlready', { status: t(`enums.MembershipRequestStatus.${status}`) }));
      },
      { scope: `recommendMembershipRequest:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id } },
    );
  }

  @Mutation(() => MembershipRequest, {
    description: 'The commune chairman (an officer over the commune) approves a recommended request, or rejects one',
  })
  async decideMembershipRequest(
    @Arg('id', () => ID, { description: 'The request decided' }) id: string,
    @Arg('approve', { description: 'True to approve, false to reject' }) approve: boolean,
    @Arg('note', () => String, { nullable: true, description: 'The chairman’s remarks on the decision' }) note: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<MembershipRequest> {
    if (note && note.length > 500) throw invalidInput('note', t('problems.max500Characters'));
    const request = await loadRequest(ctx, id);
    const team = await loadTeam(ctx, request.teamId);
    ctx.viewer.insist(await decidesForTeam(ctx, team), 'actions.decideRequests', { teamName: team.name });

    return once(
      ctx.db,
      { scope: `decideMembershipRequest:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, approve, note } },
      async (manager) => {
        await lockTeam(ctx.db, manager, team.id);
        const current = await manager.findOneByOrFail(MembershipRequest, { id: request.id });
        if (!OPEN.includes(current.status)) throw conflict(t('conflicts.requestAlreadyCurrent', { currentStatus: t(`enums.MembershipRequestStatus.${current.status}`) }));
        if (approve && current.status !== MembershipRequestStatus.RECOMMENDED) {
          throw conflict(t('conflicts.recommendFirst'));
        }
        const decision = { decidedBy: ctx.viewer.subject, decidedAt: new Date(), decisionNote: note };
        const unitPath = await unitPathOf(ctx, team);
        const before = { status: current.status };
        if (!approve) {
          const rejected = await manager.save(Object.assign(current, decision, { status: MembershipRequestStatus.REJECTED }));
          await audit(manager, ctx.viewer, { action: 'decideMembershipRequest', entity: rejected, unitPath, before, after: { status: rejected.status, note } });
          await recordMembershipRequestEvent(manager, rejected, unitPath);
          return rejected;
        }

        if (current.kind === MembershipRequestKind.JOIN) {
          const [member] = await enrol(
            manager,
            team,
            [
              {
                ...(current.personId
                  ? { personId: current.personId }
                  : { person: { fullName: current.applicantName!, phone: current.applicantPhone, address: current.applicantAddress } }),
                role: current.requestedRole ?? MemberRole.MEMBER,
                affiliation: current.affiliation!,
              },
            ],
            todayInVietnam(),
          );
          current.memberId = member.id;
          if (countsAsRegular(current.requestedRole ?? MemberRole.MEMBER) && member.role === MemberRole.COLLABORATOR) {
            // enrol made them a collaborator: the team was full. Kept so every answer can say why.
            current.enrolledAsCollaboratorAtLimit = await memberLimitAt(manager, await manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode }));
          }
        } else {
          const leaving = await manager.findOneByOrFail(Member, { id: current.memberId! });
          if (!leaving.active) throw conflict(t('conflicts.personAlreadyLeft'));
          if (leaving.role === MemberRole.LEADER) throw conflict(t('conflicts.leaderCannotLeave'));
          await manager.save(Object.assign(leaving, { leftOn: todayInVietnam(), standingDeputy: false }));
        }
        const approved = await manager.save(Object.assign(current, decision, { status: MembershipRequestStatus.APPROVED }));
        await audit(manager, ctx.viewer, {
          action: 'decideMembershipRequest',
          entity: approved,
          unitPath,
          before,
          after: { status: approved.status, memberId: approved.memberId, enrolledAsCollaboratorAtLimit: approved.enrolledAsCollaboratorAtLimit, note },
        });
        await recordMembershipRequestEvent(manager, approved, unitPath);
        return approved;
      },
      replayRequest,
    );
  }
}
