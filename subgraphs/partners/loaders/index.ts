import { rowsById, rowsOf } from '../../common/loaders';
import {
  Attendance,
  BranchContact,
  Offer,
  OfferUnit,
  Onboarding,
  Partner,
  PartnerBranch,
  PartnerCredential,
  PartnerUnit,
  Platform,
  Training,
  TrainingInvitation,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
} from '../entities';

/** Per-request loaders of the partners subgraph. */

export const partnerById = rowsById(Partner);
export const platformById = rowsById(Platform);
export const credentialById = rowsById(PartnerCredential);
export const trainingById = rowsById(Training);
export const onboardingById = rowsById(Onboarding);
export const offerById = rowsById(Offer);

export const platformsOfPartner = rowsOf(Platform, 'partnerId', { name: 'ASC' });
export const branchesOfPartner = rowsOf(PartnerBranch, 'partnerId', { name: 'ASC' });
export const contactsOfBranch = rowsOf(BranchContact, 'branchId', { fullName: 'ASC' });
export const unitsOfPartner = rowsOf(PartnerUnit, 'partnerId', { unitCode: 'ASC' });
export const offersOfPartner = rowsOf(Offer, 'partnerId', { validFrom: 'DESC' });
export const unitsOfOffer = rowsOf(OfferUnit, 'offerId', { unitCode: 'ASC' });
export const invitationsOfTraining = rowsOf(TrainingInvitation, 'trainingId', { teamId: 'ASC' });
export const attendanceOfTraining = rowsOf(Attendance, 'trainingId', { memberId: 'ASC' });
export const invitationsOfTeam = rowsOf(TrainingInvitation, 'teamId', { trainingId: 'ASC' });
export const attendanceOfTeam = rowsOf(Attendance, 'teamId', { trainingId: 'ASC' });
export const attendanceOfMember = rowsOf(Attendance, 'memberId', { trainingId: 'ASC' });
export const onboardingsOfTeam = rowsOf(Onboarding, 'teamId', { onboardedOn: 'DESC' });

export const webhookEndpointById = rowsById(WebhookEndpoint);
export const webhookDeliveryById = rowsById(WebhookDelivery);
export const webhookEndpointsOfPartner = rowsOf(WebhookEndpoint, 'partnerId', { createdAt: 'ASC' });
export const attemptsOfWebhookDelivery = rowsOf(WebhookAttempt, 'deliveryId', { attemptedAt: 'ASC' });
