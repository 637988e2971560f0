import { Brackets, type EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth';
import { audit } from '../../common/audit';
import { ConsentPurpose, recordConsent, type ResidentConsentInput } from '../../common/consent';
import { todayInVietnam } from '../../common/dates';
import { placeName, shortDate, type Paper } from '../../common/papers';
import { conflict, forbidden, invalidInput } from '../../common/errors';
import {
  EmulationCampaign,
  Nomination,
  NomineeKind,
  PERSONAL_NOMINEES,
  ProposalDecision,
  ProposalStatus,
  RewardProposal,
  type AdministrativeUnit,
  type Figures,
  type Member,
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

/** Campaigns launched by a unit, by the units above it, or under it, newest first. */
export function campaignsAround(manager: EntityManager, unit: AdministrativeUnit, limit: number): Promise<EmulationCampaign[]> {
  const above = unit.ancestorCodes.map((_, index) => `/${unit.ancestorCodes.slice(0, index + 1).join('/')}/`);
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
  if (proposal.publicNameConsent) await recordConsent(manager, viewer, saved, ConsentPurpose.HONOUR_ROLL, proposal.publicNameConsent);
  await audit(manager, viewer, { action: 'proposeReward', entity: saved, unitPath: saved.unitPath, after: saved });
  return saved;
}

/** Officers of the unit above the proposer (or ADMIN) decide, once; whoever proposed it never does. */
export function decidesProposal(viewer: Viewer, proposal: RewardProposal): boolean {
  const above = pathAbove(proposal.unitPath);
  return above !== null && viewer.oversees(above) && viewer.subject !== proposal.proposedBy;
}

export async function decideProposal(
  manager: EntityManager,
  viewer: Viewer,
  proposal: RewardProposal,
  { decision, reason }: { decision: ProposalDecision; reason: string | null },
): Promise<RewardProposal> {
  if (proposal.proposedBy === viewer.subject) throw forbidden(t('refusals.selfApproveProposal'));
  if (proposal.status !== ProposalStatus.PROPOSED) throw conflict(t('conflicts.proposalDecided'), { status: proposal.status });
  if (decision === ProposalDecision.DECLINE && !reason) throw invalidInput('reason', t('problems.reasonForRejecting'));
  const changes = {
    status: decision === ProposalDecision.APPROVE ? ProposalStatus.APPROVED : ProposalStatus.DECLINED,
    decisionReason: reason,
    decidedBy: viewer.subject,
    decidedOn: todayInVietnam(),
  };
  // Decided once: only a row still proposed changes, whoever else decides at the same moment.
  const decided = await manager.update(RewardProposal, { id: proposal.id, status: ProposalStatus.PROPOSED }, changes);
  if (!decided.affected) throw conflict(t('conflicts.proposalDecided'));
  const after = await manager.findOneByOrFail(RewardProposal, { id: proposal.id });
  await audit(manager, viewer, { action: 'decideRewardProposal', entity: after, unitPath: after.unitPath, before: proposal, after });
  return after;
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
