import type { EntityManager } from 'typeorm';
import { recordEvent } from '../common/outbox';
import type { Onboarding, Training } from './entities';

/** The partners subgraph's domain events (catalogue: docs/events.md): ids and codes only, scoped to the unit and the partner. */

export interface TrainingLoggedV1 {
  trainingId: string;
  partnerId: string;
  unitCode: string;
  /** YYYY-MM-DD. */
  heldOn: string;
  format: string;
  skill: string | null;
  platformId: string | null;
  invitedTeamIds: string[];
  attendeeCount: number;
}

export async function recordTrainingLogged(manager: EntityManager, training: Training, invitedTeamIds: string[], attendeeCount: number): Promise<void> {
  const payload: TrainingLoggedV1 = {
    trainingId: training.id,
    partnerId: training.partnerId,
    unitCode: training.unitCode,
    heldOn: training.heldOn,
    format: training.format,
    skill: training.skill ?? null,
    platformId: training.platformId ?? null,
    invitedTeamIds,
    attendeeCount,
  };
  await recordEvent(manager, { type: 'training.logged', version: 1, subject: training.id, payload, scope: { unitPath: training.unitPath, partnerId: training.partnerId } });
}

export interface OnboardingLoggedV1 {
  onboardingId: string;
  partnerId: string;
  platformId: string;
  teamId: string;
  /** HOUSEHOLD or BUSINESS (the onboardee's kind, never who they are). */
  onboardeeKind: string;
  /** YYYY-MM-DD. */
  onboardedOn: string;
  status: string;
}

export async function recordOnboardingLogged(manager: EntityManager, onboarding: Onboarding): Promise<void> {
  const payload: OnboardingLoggedV1 = {
    onboardingId: onboarding.id,
    partnerId: onboarding.partnerId,
    platformId: onboarding.platformId,
    teamId: onboarding.teamId,
    onboardeeKind: onboarding.onboardeeKind,
    onboardedOn: onboarding.onboardedOn,
    status: onboarding.status,
  };
  await recordEvent(manager, {
    type: 'onboarding.logged',
    version: 1,
    subject: onboarding.id,
    payload,
    scope: { unitPath: onboarding.teamUnitPath, partnerId: onboarding.partnerId },
  });
}
