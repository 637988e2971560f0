import { Role } from '../common/auth';
import type { Context } from '../common/context';
import type { ActionKey } from '../common/messages';
import { notFound } from '../common/errors';
import { Event, EventStatus, StallApplication } from './entities';
import { eventById, organisersOfEvent } from './loaders';

/**
 * Who may do what with events. Officers over the organising unit create events and appoint
 * their organisers (users with the ORGANISER role); organisers run their own events only.
 * The public sees events once published, their categories and approved exhibitors' names.
 * Exhibitors' contact details: the event's organisers and officers over its unit, and a
 * partner for its own applications.
 */

export async function organises(ctx: Context, event: Event): Promise<boolean> {
  if (ctx.viewer.oversees(event.unitPath)) return true;
  if (!ctx.viewer.has(Role.ORGANISER)) return false;
  const organisers = await ctx.loaders.get(organisersOfEvent).load(event.id);
  return organisers.some((organiser) => organiser.subject === ctx.viewer.subject);
}

export async function insistOrganises(ctx: Context, event: Event, action: ActionKey): Promise<void> {
  ctx.viewer.insist(await organises(ctx, event), action);
}

/** Drafts are for their organisers; every other status is public. */
export async function seesEvent(ctx: Context, event: Event): Promise<boolean> {
  return event.status !== EventStatus.DRAFT || (await organises(ctx, event));
}

export async function seesApplicantDetails(ctx: Context, event: Event, application: StallApplication): Promise<boolean> {
  return (application.partnerId !== null && ctx.viewer.actsFor(application.partnerId)) || (await organises(ctx, event));
}

export async function loadEvent(ctx: Context, id: string): Promise<Event> {
  const event = await ctx.loaders.get(eventById).load(id);
  if (!event || !(await seesEvent(ctx, event))) throw notFound('Event', id);
  return event;
}
