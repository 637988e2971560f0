import { Brackets, In, IsNull, type EntityManager } from 'typeorm';
import { NATION_CODE, Role, type Viewer } from '../../common/auth';
import { audit } from '../../common/audit';
import { ConsentPurpose, consentHolds, consentsOfSubject, recordConsent, type Consent, type ResidentConsentInput } from '../../common/consent';
import { todayInVietnam } from '../../common/dates';
import { placeName, shortDate, type Paper } from '../../common/papers';
import { conflict, forbidden, invalidInput } from '../../common/errors';
import {
  EmulationCampaign,
  Member,
  Nomination,
  NominationDecision,
  Person,
  NomineeKind,
  PERSONAL_NOMINEES,
  ProposalDecision,
  ProposalStatus,
  RewardProposal,
  type AdministrativeUnit,
  type Figures,
} from '../entities';
import { t } from '../../common/messages';

/**
 * Emulation and recognition: campaigns, provinces' nominations within their places, reward
 * proposals decided by the unit above the proposer, and the honour roll they make.
 */

/** The path of the unit above the one on `unitPath` (`/40/17227/` → `/40/`); null for a province. */
export function pathAbove(unitPath: string): string | null {
  const codes = unitPath.split('/').filter(Boolean);
  return codes.length > 1 ? `/${codes.slice(0, -1).join('/')}/` : null;
}

/** The province of a unit: the first code of its path. */
export const provinceOf = (unitPath: string): string => unitPath.split('/').filter(Boolean)[0];

/** The path of the nation, the root of the tree: every unit's path starts with it. */
export const NATION_PATH = '/';

/** Campaigns launched by a unit, by the units above it (the nation's too), or under it, newest first. */
export function campaignsAround(manager: EntityManager, unit: AdministrativeUnit, limit: number): Promise<EmulationCampaign[]> {
  const above = [NATION_PATH, ...unit.ancestorCodes.map((_, index) => `/${unit.ancestorCodes.slice(0, index + 1).join('/')}/`)].filter((path) => path !== unit.path);
  return manager
    .createQueryBuilder(EmulationCampaign, 'campaign')
    .where(
      new Brackets((around) => {
        around.where('campaign.unitPath LIKE :prefix', { prefix: `${unit.path}%` });
        if (above.length > 0) around.orWhere('campaign.unitPath IN (:...above)', { above });
      }),
    )
    .orderBy('campaign.startsOn', 'DESC')
    .addOrderBy('campaign.id', 'ASC')
    .limit(limit)
    .getMany();
}

export interface CampaignLaunch {
  unit: AdministrativeUnit;
  title: string;
  startsOn: string;
  endsOn: string;
  criteria: string[];
  nominationsPerProvince: number;
}

export async function launchCampaign(manager: EntityManager, viewer: Viewer, launch: CampaignLaunch): Promise<EmulationCampaign> {
  if (launch.endsOn < launch.startsOn) throw invalidInput('endsOn', t('problems.endsOnAfterStart'));
  const campaign = await manager.save(
    manager.create(EmulationCampaign, {
      unitCode: launch.unit.code,
      unitPath: launch.unit.path,
      title: launch.title,
      startsOn: launch.startsOn,
      endsOn: launch.endsOn,
      criteriaText: launch.criteria.map((criterion) => criterion.replace(/\s*\n\s*/g, ' ')).join('\n'),
      nominationsPerProvince: launch.nominationsPerProvince,
      createdBy: viewer.subject!,
    }),
  );
  await audit(manager, viewer, { action: 'launchEmulationCampaign', entity: campaign, unitPath: campaign.unitPath, after: campaign });
  return campaign;
}

/** Residents guided (every skill and other platforms) and household visits, from a team's report totals. */
export function reportedFigures(figures: Figures): { residentsGuided: number; householdVisits: number } {
  return {
    residentsGuided:
      figures.guidedOnlinePublicServices + figures.guidedOnlineShopping + figures.guidedOnlinePayment + figures.guidedOnlineSafety + figures.guidedOtherPlatforms,
    householdVisits: figures.householdVisits,
  };
}

export interface NominationForm {
  campaign: EmulationCampaign;
  member: Member;
  /** The member's team's unit. */
  unitPath: string;
  birthYear: number | null;
  occupation: string | null;
  achievements: string;
  residentsGuided: number;
  householdVisits: number;
  trainingsAttended: number;
}

/**
 * Nominates a member for one of their province's places under the campaign. The places are
 * numbered and unique per (campaign, province): two officers taking the last place at once meet at
 * the unique index, the loser's transaction is run again (idempotentTransaction) and then finds
 * the places taken. The member's own unique index keeps them from being nominated twice.
 */
export async function nominate(manager: EntityManager, viewer: Viewer, form: NominationForm): Promise<Nomination> {
  const { campaign, member } = form;
  if (campaign.nominationsPerProvince === 0) throw invalidInput('campaignId', t('problems.noNominationQuota'));
  if (!form.unitPath.startsWith(campaign.unitPath)) throw invalidInput('memberId', t('problems.memberOutsideCampaign'));
  if (!member.active) throw invalidInput('memberId', t('problems.memberLeft'));
  const provinceCode = provinceOf(form.unitPath);
  const taken = await manager.find(Nomination, { where: { campaignId: campaign.id, provinceCode }, order: { place: 'ASC' } });
  if (taken.some((nomination) => nomination.memberId === member.id)) throw invalidInput('memberId', t('problems.alreadyNominated'));
  const places = new Set(taken.map((nomination) => nomination.place));
  const place = Array.from({ length: campaign.nominationsPerProvince }, (_, index) => index + 1).find((candidate) => !places.has(candidate));
  if (place === undefined) {
    throw conflict(t('conflicts.provinceQuotaFull', { campaignNominationsPerProvince: campaign.nominationsPerProvince }), { limit: campaign.nominationsPerProvince });
  }
  const nomination = await manager.save(
    manager.create(Nomination, {
      campaignId: campaign.id,
      memberId: member.id,
      provinceCode,
      place,
      unitPath: form.unitPath,
      birthYear: form.birthYear,
      occupation: form.occupation,
      achievements: form.achievements,
      residentsGuided: form.residentsGuided,
      householdVisits: form.householdVisits,
      trainingsAttended: form.trainingsAttended,
      nominatedBy: viewer.subject!,
    }),
  );
  // The form's personal details stay out of the trail: which member, which place, the figures.
  const { birthYear, occupation, ...kept } = nomination;
  await audit(manager, viewer, { action: 'nominateMember', entity: nomination, unitPath: nomination.unitPath, after: kept });
  return nomination;
}

export interface Proposal {
  unit: AdministrativeUnit;
  campaign: EmulationCampaign | null;
  nomineeKind: NomineeKind;
  fullName: string;
  member: Member | null;
  rewardTitle: string;
  achievements: string;
  publicNameConsent: ResidentConsentInput | null;
  /** A member's own phone: their consent is found and withdrawn by it (a resident gives theirs with the consent). */
  nomineePhone: string | null;
}

/** A unit proposes a reward to the unit above; a person's name is public later only with the consent given here. */
export async function proposeReward(manager: EntityManager, viewer: Viewer, proposal: Proposal): Promise<RewardProposal> {
  if (!pathAbove(proposal.unit.path)) throw invalidInput('unitCode', t('problems.provinceHasNoAbove'));
  if (proposal.nomineeKind === NomineeKind.MEMBER && !proposal.member) throw invalidInput('memberId', t('problems.chooseMemberToReward'));
  if (proposal.nomineeKind !== NomineeKind.MEMBER && proposal.member) throw invalidInput('memberId', t('problems.onlyForMember'));
  if (proposal.publicNameConsent && !PERSONAL_NOMINEES.includes(proposal.nomineeKind)) {
    throw invalidInput('publicNameConsent', t('problems.onlyForPerson'));
  }
  const saved = await manager.save(
    manager.create(RewardProposal, {
      campaignId: proposal.campaign?.id ?? null,
      unitCode: proposal.unit.code,
      unitPath: proposal.unit.path,
      nomineeKind: proposal.nomineeKind,
      fullName: proposal.fullName,
      memberId: proposal.member?.id ?? null,
      rewardTitle: proposal.rewardTitle,
      achievements: proposal.achievements,
      status: ProposalStatus.PROPOSED,
      proposedBy: viewer.subject!,
      decidedBy: null,
      decidedOn: null,
      decisionReason: null,
    }),
  );
  if (proposal.publicNameConsent) await recordConsent(manager, viewer, saved, ConsentPurpose.HONOUR_ROLL, proposal.publicNameConsent, proposal.nomineePhone);
  await audit(manager, viewer, { action: 'proposeReward', entity: saved, unitPath: saved.unitPath, after: saved });
  return saved;
}

/** Approved by its province and sent on to the national level, where it waits. */
export const awaitsNation = (proposal: RewardProposal): boolean => proposal.status === ProposalStatus.APPROVED && proposal.nationalStatus === ProposalStatus.PROPOSED;

/**
 * The path of the unit whose officers decide a waiting proposal: the proposer's parent, then one
 * level higher for each approval, up to the province; the nation's once the province sent it on;
 * null once it no longer waits.
 */
export function awaitingPath(proposal: RewardProposal): string | null {
  if (awaitsNation(proposal)) return NATION_PATH;
  if (proposal.status !== ProposalStatus.PROPOSED) return null;
  const codes = proposal.unitPath.split('/').filter(Boolean);
  const depth = codes.length - 1 - proposal.levelsApproved;
  return depth >= 1 ? `/${codes.slice(0, depth).join('/')}/` : null;
}

/** The code of a unit from its path: its last segment (the nation's for the root). */
export const codeOf = (unitPath: string): string => unitPath.split('/').filter(Boolean).at(-1) ?? NATION_CODE;

/**
 * Officers of the level the proposal has reached (or ADMIN) decide it; an officer of a higher
 * unit waits for the levels below, and whoever proposed it, or sent it on to the nation, never decides.
 */
export function decidesProposal(viewer: Viewer, proposal: RewardProposal): boolean {
  const awaiting = awaitingPath(proposal);
  if (awaiting === null || viewer.subject === proposal.proposedBy || viewer.subject === proposal.nationalSentBy) return false;
  return viewer.has(Role.ADMIN) || (viewer.has(Role.OFFICER) && viewer.unitCodes.includes(codeOf(awaiting)));
}

/** What a decision does: an approval below the top sends the proposal one level up; the nation's approves or declines it nationally. */
function decisionChanges(proposal: RewardProposal, decision: ProposalDecision, reason: string | null, viewer: Viewer): Partial<RewardProposal> {
  if (awaitsNation(proposal)) {
    const status = decision === ProposalDecision.APPROVE ? ProposalStatus.APPROVED : ProposalStatus.DECLINED;
    return { nationalStatus: status, nationalReason: reason, nationalDecidedBy: viewer.subject, nationalDecidedOn: todayInVietnam() };
  }
  const decided = { decisionReason: reason, decidedBy: viewer.subject, decidedOn: todayInVietnam() };
  if (decision === ProposalDecision.RETURN) return { status: ProposalStatus.RETURNED, ...decided };
  if (decision === ProposalDecision.DECLINE) return { status: ProposalStatus.DECLINED, ...decided };
  const atTop = pathAbove(awaitingPath(proposal)!) === null;
  return atTop ? { status: ProposalStatus.APPROVED, ...decided } : { levelsApproved: proposal.levelsApproved + 1 };
}

export async function decideProposal(
  manager: EntityManager,
  viewer: Viewer,
  proposal: RewardProposal,
  { decision, reason }: { decision: ProposalDecision; reason: string | null },
): Promise<RewardProposal> {
  if (proposal.proposedBy === viewer.subject || proposal.nationalSentBy === viewer.subject) throw forbidden(t('refusals.selfApproveProposal'));
  const national = awaitsNation(proposal);
  if (proposal.status !== ProposalStatus.PROPOSED && !national) throw conflict(t('conflicts.proposalDecided'), { status: proposal.status });
  if (!decidesProposal(viewer, proposal)) throw forbidden(t('refusals.proposalAtOtherLevel'));
  // The nation approves or declines: there is no level below it to return the proposal to (the province already approved it).
  if (national && decision === ProposalDecision.RETURN) throw invalidInput('decision', t('problems.nationApprovesOrDeclines'));
  if (decision !== ProposalDecision.APPROVE && !reason) throw invalidInput('reason', t('problems.reasonForReturningOrRejecting'));
  // Decided once per level: only a row still waiting at the level this decision saw changes,
  // whoever else decides at the same moment.
  const waiting = national
    ? { id: proposal.id, status: ProposalStatus.APPROVED, nationalStatus: ProposalStatus.PROPOSED }
    : { id: proposal.id, status: ProposalStatus.PROPOSED, levelsApproved: proposal.levelsApproved };
  const changed = await manager.update(RewardProposal, waiting, decisionChanges(proposal, decision, reason, viewer));
  if (!changed.affected) throw conflict(t('conflicts.proposalDecided'));
  const after = await manager.findOneByOrFail(RewardProposal, { id: proposal.id });
  await audit(manager, viewer, { action: 'decideRewardProposal', entity: after, unitPath: after.unitPath, before: proposal, after });
  return after;
}

/** Officers over the province that approved it (or ADMIN) send an approved proposal on to the national level, once. */
export const sendsToNation = (viewer: Viewer, proposal: RewardProposal): boolean =>
  proposal.status === ProposalStatus.APPROVED && proposal.nationalStatus === null && viewer.oversees(`/${provinceOf(proposal.unitPath)}/`);

/**
 * A province's approved proposal sent on to the national level (seed 003: the provinces' best
 * recognised nationally), whose officers then approve it onto the national honour roll or decline
 * it. Once: a conditional update, so two officers sending it at once send it once.
 */
export async function sendToNation(manager: EntityManager, viewer: Viewer, proposal: RewardProposal): Promise<RewardProposal> {
  if (proposal.status !== ProposalStatus.APPROVED) throw conflict(t('conflicts.onlyApprovedToNation'), { status: proposal.status });
  const changed = await manager.update(
    RewardProposal,
    { id: proposal.id, status: ProposalStatus.APPROVED, nationalStatus: IsNull() },
    { nationalStatus: ProposalStatus.PROPOSED, nationalSentBy: viewer.subject },
  );
  if (!changed.affected) throw conflict(t('conflicts.sentToNationAlready'));
  const after = await manager.findOneByOrFail(RewardProposal, { id: proposal.id });
  await audit(manager, viewer, { action: 'sendRewardProposalToNation', entity: after, unitPath: after.unitPath, before: proposal, after });
  return after;
}

/** Whoever proposed it may withdraw it or send it again while no level has finally decided it. */
const OPEN_PROPOSAL = [ProposalStatus.PROPOSED, ProposalStatus.RETURNED];

export const withdrawsProposal = (viewer: Viewer, proposal: RewardProposal): boolean =>
  viewer.subject === proposal.proposedBy && OPEN_PROPOSAL.includes(proposal.status);

/** Withdrawn by its proposer before it is approved at the top or declined; the conditional update keeps a decision and a withdrawal from crossing. */
export async function withdrawProposal(manager: EntityManager, viewer: Viewer, proposal: RewardProposal): Promise<RewardProposal> {
  if (viewer.subject !== proposal.proposedBy) throw forbidden(t('refusals.onlyProposerWithdraws'));
  const changed = await manager.update(RewardProposal, { id: proposal.id, status: In(OPEN_PROPOSAL) }, { status: ProposalStatus.WITHDRAWN });
  if (!changed.affected) throw conflict(t('conflicts.proposalDecidedCannotWithdraw'), { status: proposal.status });
  const after = await manager.findOneByOrFail(RewardProposal, { id: proposal.id });
  await audit(manager, viewer, { action: 'withdrawRewardProposal', entity: after, unitPath: after.unitPath, before: proposal, after });
  return after;
}

/** A returned proposal, reworked by its proposer, starts up the tree again from the first level. */
export async function resubmitProposal(manager: EntityManager, viewer: Viewer, proposal: RewardProposal, achievements: string): Promise<RewardProposal> {
  if (viewer.subject !== proposal.proposedBy) throw forbidden(t('refusals.onlyProposerResends'));
  const changed = await manager.update(
    RewardProposal,
    { id: proposal.id, status: ProposalStatus.RETURNED },
    { status: ProposalStatus.PROPOSED, achievements, levelsApproved: 0, decidedBy: null, decidedOn: null, decisionReason: null },
  );
  if (!changed.affected) throw conflict(t('conflicts.onlyReturnedResent'), { status: proposal.status });
  const after = await manager.findOneByOrFail(RewardProposal, { id: proposal.id });
  await audit(manager, viewer, { action: 'resubmitRewardProposal', entity: after, unitPath: after.unitPath, before: proposal, after });
  return after;
}

/**
 * Whoever nominated a member may withdraw the nomination (the hub records no decision on
 * nominations: the ministry decides outside it). The row goes, so its numbered place is free
 * for the province's next nomination; the audit trail keeps what it was, without the form's personal details.
 */
export async function withdrawNomination(manager: EntityManager, viewer: Viewer, nomination: Nomination): Promise<Nomination> {
  if (viewer.subject !== nomination.nominatedBy) throw forbidden(t('refusals.onlyNominatorWithdraws'));
  if (nomination.nationalDecision) throw conflict(t('conflicts.nominationDecided'), { nationalDecision: nomination.nationalDecision });
  // Only while undecided: a decision and a withdrawal crossing leave one of them.
  const removed = await manager.delete(Nomination, { id: nomination.id, nationalDecision: IsNull() });
  if (!removed.affected) throw conflict(t('conflicts.nominationWithdrawn'));
  const { birthYear, occupation, ...kept } = nomination;
  await audit(manager, viewer, { action: 'withdrawNomination', entity: nomination, unitPath: nomination.unitPath, before: kept });
  return nomination;
}

/** The national level decides the provinces' nominations: officers over VN, or ADMIN. */
export const decidesNominations = (viewer: Viewer): boolean => viewer.oversees(NATION_PATH);

/**
 * The national level selects a province's nominee for national recognition or not (with a
 * reason), once: a conditional update on the undecided row, so two officers deciding at once, or
 * a decision crossing the province's withdrawal, leave one outcome.
 */
export async function decideNomination(
  manager: EntityManager,
  viewer: Viewer,
  nomination: Nomination,
  { decision, reason }: { decision: NominationDecision; reason: string | null },
): Promise<Nomination> {
  if (decision === NominationDecision.NOT_SELECTED && !reason) throw invalidInput('reason', t('problems.reasonForNotSelecting'));
  const changed = await manager.update(
    Nomination,
    { id: nomination.id, nationalDecision: IsNull() },
    { nationalDecision: decision, nationalReason: reason, nationalDecidedBy: viewer.subject, nationalDecidedOn: todayInVietnam() },
  );
  if (!changed.affected) throw conflict(t('conflicts.nominationDecided'));
  const after = await manager.findOneByOrFail(Nomination, { id: nomination.id });
  const { birthYear, occupation, ...kept } = after;
  await audit(manager, viewer, { action: 'decideNomination', entity: after, unitPath: after.unitPath, after: kept });
  return after;
}

/**
 * Whether the public honour roll names a rewarded nominee: organisations always; a member or a
 * resident only while the consent to be named given with the proposal holds. Without it the
 * achievements stay off the roll too: words about a person (a village, a figure) can point to them.
 */
export function namedOnRoll(proposal: RewardProposal, consents: readonly Consent[]): boolean {
  return !PERSONAL_NOMINEES.includes(proposal.nomineeKind) || consentHolds(consents, ConsentPurpose.HONOUR_ROLL);
}

/**
 * The reward proposals about a person, newest first: those naming a member whose phone is theirs
 * (`subjectKey` is the keyed hash of a phone, as `Person.phoneHash`), and those whose consent was given with their phone.
 */
export async function rewardsOfSubject(manager: EntityManager, subjectKey: string, limit: number): Promise<RewardProposal[]> {
  const [people, consents] = await Promise.all([
    manager.findBy(Person, { phoneHash: subjectKey }),
    consentsOfSubject(manager, subjectKey, RewardProposal.name),
  ]);
  const members = people.length > 0 ? await manager.findBy(Member, { personId: In(people.map((person) => person.id)) }) : [];
  const about = [
    ...(members.length > 0 ? [{ memberId: In(members.map((member) => member.id)) }] : []),
    ...(consents.length > 0 ? [{ id: In(consents.map((consent) => consent.recordId)) }] : []),
  ];
  if (about.length === 0) return [];
  return manager.find(RewardProposal, { where: about, order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
}

/**
 * The reward proposals about the person a membership belongs to, newest first: by their phone as
 * their report finds them (every membership of theirs, a resident's consent given with it), or by
 * the membership alone when the team keeps no phone for them.
 */
export function rewardsOfMember(manager: EntityManager, member: Member, person: Person | undefined, limit: number): Promise<RewardProposal[]> {
  if (person?.phoneHash) return rewardsOfSubject(manager, person.phoneHash, limit);
  return manager.find(RewardProposal, { where: { memberId: member.id }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
}

/** The nominations under a campaign of members of a unit's teams, by province and place. */
export function nominationsUnder(manager: EntityManager, campaignId: string, unit: AdministrativeUnit, limit: number): Promise<Nomination[]> {
  return manager
    .createQueryBuilder(Nomination, 'nomination')
    .where('nomination.campaignId = :campaignId', { campaignId })
    .andWhere('nomination.unitPath LIKE :prefix', { prefix: `${unit.path}%` })
    .orderBy('nomination.provinceCode', 'ASC')
    .addOrderBy('nomination.place', 'ASC')
    .limit(limit)
    .getMany();
}

/** One nominee's line of the form: their name and team beside what the nomination holds. */
export interface NominatedMember {
  nomination: Nomination;
  fullName: string;
  teamName: string;
}

/** The information form the ministry asks for (seed 003, Phụ lục 2), one row per nominee, issued by the unit. */
export function nominationFormPaper(unit: AdministrativeUnit, campaign: EmulationCampaign, nominees: NominatedMember[]): Paper {
  return {
    heading: { superior: unit.name, issuer: `Cơ quan thường trực Tổ công nghệ số cộng đồng ${placeName(unit.name)}`, place: placeName(unit.name), date: todayInVietnam() },
    title: 'Thông tin thành viên Tổ công nghệ số cộng đồng tiêu biểu',
    subtitle: `${campaign.title} (${shortDate(campaign.startsOn)} – ${shortDate(campaign.endsOn)})`,
    blocks: [
      {
        columns: [
          { heading: 'STT', width: 0.5, align: 'center' },
          { heading: 'Họ và tên', width: 1.6 },
          { heading: 'Năm sinh', width: 0.9, align: 'center' },
          { heading: 'Nghề nghiệp, chức vụ', width: 1.6 },
          { heading: 'Tổ công nghệ số', width: 1.6 },
          { heading: 'Thành tích tiêu biểu', width: 3 },
          { heading: 'Số người dân được hướng dẫn', width: 1, align: 'right' },
          { heading: 'Số hộ được đến tận nhà', width: 1, align: 'right' },
          { heading: 'Số lớp tập huấn đã dự', width: 0.9, align: 'right' },
        ],
        rows: nominees.map(({ nomination, fullName, teamName }) => [
          String(nomination.place),
          fullName,
          nomination.birthYear ? String(nomination.birthYear) : '',
          nomination.occupation ?? '',
          teamName,
          nomination.achievements,
          nomination.residentsGuided,
          nomination.householdVisits,
          nomination.trainingsAttended,
        ]),
      },
    ],
    signatures: [{ title: 'Người lập biểu' }, { title: 'Thủ trưởng cơ quan' }],
  };
}
