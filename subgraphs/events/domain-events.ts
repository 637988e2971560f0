import type { EntityManager } from 'typeorm';
import { recordEvent } from '../common/outbox';
import { ApplicationStatus, Event, type StallApplication } from './entities';

/** The events subgraph's domain events (catalogue: docs/events.md): ids and codes only, scoped to the fair's unit and the exhibiting partner. */

export interface StallApplicationEventV1 {
  applicationId: string;
  eventId: string;
  categoryId: string;
  /** The exhibiting partner enterprise, if a partner applied; never who a household exhibitor is. */
  partnerId: string | null;
  /** APPROVED, WAITLISTED, REJECTED or CANCELLED (`decided`); APPROVED (`promoted`). */
  status: string;
  stallId: string | null;
}

const DECIDED: readonly ApplicationStatus[] = [ApplicationStatus.APPROVED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED];

/**
 * An application decided (`stall-application.decided`: approved, waitlisted, rejected or cancelled),
 * or given a stall freed by a cancellation (`stall-application.promoted`, from the waitlist).
 * Nothing for one still pending.
 */
export async function recordStallApplicationEvent(
  manager: EntityManager,
  application: StallApplication,
  change: 'decided' | 'promoted',
  unitPath?: string,
): Promise<void> {
  if (change === 'decided' && !DECIDED.includes(application.status)) return;
  const payload: StallApplicationEventV1 = {
    applicationId: application.id,
    eventId: application.eventId,
    categoryId: application.categoryId,
    partnerId: application.partnerId,
    status: application.status,
    stallId: application.stallId,
  };
  const path = unitPath ?? (await manager.findOneByOrFail(Event, { id: application.eventId })).unitPath;
  await recordEvent(manager, {
    type: `stall-application.${change}`,
    version: 1,
    subject: application.id,
    payload,
    scope: { unitPath: path, ...(application.partnerId ? { partnerId: application.partnerId } : {}) },
  });
}
