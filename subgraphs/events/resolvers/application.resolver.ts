import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { Role } from '../../common/auth';
import { Consent, ConsentPurpose, recordConsent, requireConsent, withdrawConsentOf } from '../../common/consent';
import type { Context } from '../../common/context';
import { recordRead } from '../../common/personal-data-reads';
import { isRestricted } from '../../common/restriction';
import { violatesUnique, type Database } from '../../common/database';
import { todayInVietnam } from '../../common/dates';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { newReferenceCode } from '../../common/reference-codes';
import { loadEvent, organises, seesApplicantDetails, seesEvent } from '../access';
import { Admission, ApplicationStatus, Event, EventStatus, ExhibitorKind, StallApplication, StallCategory } from '../entities';
import { applicationById, applicationsOfEvent, categoryById, eventById, stallById } from '../loaders';
import { findApplicationByReference, phoneExhibitorKey } from '../services/references';
import { admit, cancelIfOpen, decideInLockedCategory, freeStall, lockCategoryWithEvent, OPEN_APPLICATIONS } from '../services/stalls';
import { StallApplicationInput } from './inputs';
import { ApplicationReferenceInput } from '../../common/reference-codes';
import { recordStallApplicationEvent } from '../domain-events';
import { Partner } from './references';
import { t } from '../../common/messages';

/** Who may act on an application: the event's organisers, and a partner on its own. */
async function loadApplication(ctx: Context, id: string): Promise<{ application: StallApplication; event: Event }> {
  const application = await ctx.loaders.get(applicationById).load(id);
  if (!application) throw notFound('StallApplication', id);
  return { application, event: await loadEvent(ctx, application.eventId) };
}

/** Re-reads the application under a row lock, so two decisions on it do not cross. */
async function locked(ctx: Context, manager: EntityManager, id: string): Promise<StallApplication> {
  return (await ctx.db.lockForUpdate(manager, StallApplication, { id }))!;
}

let lastApplicationTime = 0;

/**
 * When an application is made, where the database would not tell it finely enough. On SQLite
 * appliedAt's default, datetime('now'), keeps whole seconds: applications made within one second
 * would tie, and the waitlist (first applied, first promoted) would fall back to the order of their
 * random ids. There it is stamped here in milliseconds, strictly increasing (SQLite runs one write
 * transaction at a time). MySQL's default keeps microseconds and is left to it.
 */
function applicationTime(db: Database): Partial<Pick<StallApplication, 'appliedAt'>> {
  if (db.isMysql) return {};
  lastApplicationTime = Math.max(Date.now(), lastApplicationTime + 1);
  return { appliedAt: new Date(lastApplicationTime) };
}

/** How a household is shown publicly is its own choice, and only a household's: an alias or a village, with its label. */
function insistHouseholdDisplay(input: StallApplicationInput): void {
  const chose = Boolean(input.shownAs) || Boolean(input.shownLabel);
  if (chose && input.exhibitorKind !== ExhibitorKind.HOUSEHOLD) {
    throw invalidInput(input.shownAs ? 'shownAs' : 'shownLabel', t('problems.householdsOnly'));
  }
  if (input.shownAs && !input.shownLabel) throw invalidInput('shownLabel', t('problems.householdShownLabel'));
  if (input.shownLabel && !input.shownAs) throw invalidInput('shownAs', t('problems.householdShownAs'));
}

/** The answer to applyForStall, the only one that shows the applicant's reference code. */
const revealed = new WeakSet<StallApplication>();

/** Contact details: the event's organisers, and a partner for its own application (null + FORBIDDEN otherwise). */
async function contactDetail(ctx: Context, application: StallApplication, field: 'contactName' | 'contactPhone'): Promise<string | null> {
  const event = await loadEvent(ctx, application.eventId);
  ctx.viewer.insist(await seesApplicantDetails(ctx, event, application), 'actions.seeExhibitorContacts');
  return application[field];
}

/**
 * Stall applications. Exhibitors apply (partners with their own token; local businesses,
 * co-operatives and households without signing in); first-come categories decide at once,
 * reviewed ones wait for the organisers. A stall is never booked twice (see services/stalls.ts).
 */
@Resolver(() => StallApplication)
export class StallApplicationResolver {
  @FieldResolver(() => StallCategory, { description: 'The stall category applied for' })
  async category(@Root() application: StallApplication, @Ctx() ctx: Context): Promise<StallCategory> {
    return (await ctx.loaders.get(categoryById).load(application.categoryId))!;
  }

  @FieldResolver(() => Event, { description: 'The event the stall is at' })
  event(@Root() application: StallApplication, @Ctx() ctx: Context): Promise<Event> {
    return loadEvent(ctx, application.eventId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The stall on the fair’s map, once approved' })
  async stallCode(@Root() application: StallApplication, @Ctx() ctx: Context): Promise<string | null> {
    return application.stallId ? ((await ctx.loaders.get(stallById).load(application.stallId))?.code ?? null) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The applicant’s reference code: only in the answer to applyForStall (with the phone it finds and withdraws the application)',
  })
  referenceCode(@Root() application: StallApplication): string | null {
    return revealed.has(application) ? application.referenceCode : null;
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner enterprise applying, if it is one' })
  partner(@Root() application: StallApplication): Partner | null {
    return application.partnerId ? { id: application.partnerId } : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: the organisers, and the partner for its own' })
  contactName(@Root() application: StallApplication, @Ctx() ctx: Context): Promise<string | null> {
    return contactDetail(ctx, application, 'contactName');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Personal data: the organisers, and the partner for its own; null while the contact’s processing is restricted',
  })
  async contactPhone(@Root() application: StallApplication, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    const phone = await contactDetail(ctx, application, 'contactPhone');
    // Nobody calls a person whose processing is restricted (restriction.ts): withheld, and no read to record.
    if (await isRestricted(ctx, application.contactPhoneHash)) return null;
    // Whose: the application (the exhibitor's contact has no other id in the hub).
    return recordRead(ctx, info, application.id, phone);
  }

  @Mutation(() => StallApplication, {
    description:
      'Applies for a stall. First-come categories approve at once with a stall while stalls remain and waitlist after; ' +
      'reviewed ones leave it pending. Partners apply with their own token; others need no sign-in.',
  })
  async applyForStall(@Arg('input', { description: 'The exhibitor’s application for a stall' }) input: StallApplicationInput, @Ctx() ctx: Context): Promise<StallApplication> {
    let exhibitorKey = phoneExhibitorKey(input.contactPhone);
    if (input.exhibitorKind === ExhibitorKind.PARTNER) {
      if (!input.partnerId) throw invalidInput('partnerId', t('problems.requiredForPartnerExhibitor'));
      ctx.viewer.insist(ctx.viewer.actsFor(input.partnerId) || ctx.viewer.has(Role.ADMIN), 'actions.applyForPartner');
      exhibitorKey = `partner:${input.partnerId}`;
    } else if (input.partnerId) {
      throw invalidInput('partnerId', t('problems.onlyForPartnerExhibitor'));
    }
    insistHouseholdDisplay(input);
    // A household's or a business's contact is a resident: their details only with their consent.
    const consent = input.exhibitorKind === ExhibitorKind.PARTNER ? input.consent : requireConsent(input.consent);

    const { idempotencyKey, consent: _given, ...fields } = input;
    const id = randomUUID();
    const application = await once(
      ctx.db,
      { scope: `applyForStall:${ctx.viewer.subject ?? exhibitorKey}`, key: idempotencyKey, input: fields, resultId: id },
      async (manager) => {
        // The consent depends on no decision: written before the category's lock, which every application to the category queues on.
        if (consent) await recordConsent(manager, ctx.viewer, manager.create(StallApplication, { id }), ConsentPurpose.STALL_APPLICATION, consent, input.contactPhone);
        // The category and its event read under the lock every decision on the category takes.
        const category = await lockCategoryWithEvent(ctx.db, manager, input.categoryId);
        if (!category) throw notFound('StallCategory', input.categoryId);
        const { event } = category;
        if (!(await seesEvent(ctx, event))) throw notFound('Event', event.id);
        if (event.status !== EventStatus.OPEN_FOR_APPLICATIONS) {
          throw conflict(t('conflicts.eventNotTakingApplications', { eventTitle: event.title, eventStatus: t(`enums.EventStatus.${event.status}`) }));
        }
        if (event.applicationDeadline && todayInVietnam() > event.applicationDeadline) {
          throw conflict(t('conflicts.applicationsClosed', { eventTitle: event.title, eventApplicationDeadline: event.applicationDeadline }));
        }
        ctx.loaders.get(categoryById).prime(category.id, category);
        ctx.loaders.get(eventById).prime(event.id, event);
        const application = manager.create(StallApplication, {
          ...fields,
          id,
          partnerId: fields.partnerId ?? null,
          shownAs: fields.shownAs ?? null,
          shownLabel: fields.shownLabel ?? null,
          eventId: event.id,
          exhibitorKey,
          status: ApplicationStatus.PENDING,
          stallId: null,
          decidedAt: null,
          referenceCode: newReferenceCode(),
          ...applicationTime(ctx.db),
        });
        if (category.admission === Admission.FIRST_COME) await decideInLockedCategory(manager, application);
        // An insert, not a save: with its id chosen already, save would first look the row up. The
        // exhibitor's second application is refused by the unique index (categoryId, exhibitorKey).
        try {
          await manager.insert(StallApplication, application);
        } catch (error) {
          if (violatesUnique(error, 'UQ_stall_application_exhibitor', ['categoryId', 'exhibitorKey'])) {
            throw conflict(t('conflicts.alreadyApplied', { exhibitorName: input.exhibitorName, categoryName: category.name }));
          }
          throw error;
        }
        const saved = application;
        await audit(manager, ctx.viewer, { action: 'applyForStall', entity: saved, unitPath: event.unitPath, after: { ...saved, contactPhone: undefined } });
        await recordStallApplicationEvent(manager, saved, 'decided', event.unitPath);
        return saved;
      },
      (manager, id) => manager.findOneByOrFail(StallApplication, { id }),
    );
    revealed.add(application);
    return application;
  }

  @Query(() => StallApplication, {
    description: 'An application found by the phone it was made with and its reference code (no sign-in); a few wrong phones lock the code',
  })
  async stallApplicationByReference(@Arg('input', { description: 'The phone and reference code given at application' }) input: ApplicationReferenceInput, @Ctx() ctx: Context): Promise<StallApplication> {
    return findApplicationByReference(ctx.db, input);
  }

  @Mutation(() => StallApplication, { description: 'Approves with a free stall, or waitlists it when none is left (organisers)' })
  approveStallApplication(@Arg('id', () => ID, { description: 'The application to approve' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<StallApplication> {
    return this.decide(ctx, id, idempotencyKey, 'approveStallApplication', [ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED], (manager, application) =>
      admit(ctx.db, manager, application),
    );
  }

  @Mutation(() => StallApplication, { description: 'Organisers' })
  rejectStallApplication(@Arg('id', () => ID, { description: 'The application to reject' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<StallApplication> {
    return this.decide(ctx, id, idempotencyKey, 'rejectStallApplication', [ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED], (manager, application) =>
      manager.save(Object.assign(application, { status: ApplicationStatus.REJECTED, decidedAt: new Date() })),
    );
  }

  @Mutation(() => StallApplication, { description: 'Organisers' })
  waitlistStallApplication(@Arg('id', () => ID, { description: 'The application to waitlist' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<StallApplication> {
    return this.decide(ctx, id, idempotencyKey, 'waitlistStallApplication', [ApplicationStatus.PENDING], (manager, application) =>
      manager.save(Object.assign(application, { status: ApplicationStatus.WAITLISTED, decidedAt: new Date() })),
    );
  }

  @Mutation(() => StallApplication, {
    description: 'Cancels (organisers, or a partner its own): the stall goes to the first waitlisted applicant of the category',
  })
  async cancelStallApplication(@Arg('id', () => ID, { description: 'The application to cancel' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<StallApplication> {
    const { application } = await loadApplication(ctx, id);
    const own = application.partnerId !== null && ctx.viewer.actsFor(application.partnerId);
    return this.cancel(ctx, id, idempotencyKey, 'cancelStallApplication', own);
  }

  @Mutation(() => StallApplication, {
    description: 'The applicant withdraws, with the phone and reference code (no sign-in): as a cancellation, the stall goes to the waitlist',
  })
  async withdrawStallApplication(@Arg('input', { description: 'The phone and reference code given at application' }) input: ApplicationReferenceInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<StallApplication> {
    const application = await findApplicationByReference(ctx.db, input);
    return this.cancel(ctx, application.id, idempotencyKey, 'withdrawStallApplication', true);
  }

  @Mutation(() => Consent, {
    description:
      'The applicant withdraws their consent (themselves, with a one-time code to their phone, or an officer over the event’s unit for them): ' +
      'an open application is cancelled (its stall goes to the waitlist) and the contact phone is erased',
  })
  async withdrawStallApplicationConsent(@Arg('id', () => ID, { description: 'The application whose consent is withdrawn' }) id: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Consent> {
    const application = await ctx.db.manager.findOneBy(StallApplication, { id });
    if (!application) throw notFound('StallApplication', id);
    const event = (await ctx.loaders.get(eventById).load(application.eventId))!;
    return withdrawConsentOf(ctx, { idempotencyKey,
      record: application,
      unitPath: event.unitPath,
      action: 'withdrawStallApplicationConsent',
      stop: async (manager) => {
        const { current, promoted } = await cancelIfOpen(ctx.db, manager, application);
        if (promoted) await audit(manager, ctx.viewer, { action: 'promoteFromWaitlist', entity: promoted, after: { stallId: promoted.stallId } });
        // The phone goes, and its keyed hash with it (the exhibitor key held one): nobody calls about it again.
        await manager.save(Object.assign(current, { contactPhone: null, exhibitorKey: `withdrawn:${current.id}` }));
      },
    });
  }

  /** Cancels an open application and gives its stall to the first waitlisted applicant of the category. */
  private cancel(ctx: Context, id: string, idempotencyKey: string | null | undefined, action: string, allowedAnyway: boolean): Promise<StallApplication> {
    return this.decide(
      ctx,
      id,
      idempotencyKey,
      action,
      OPEN_APPLICATIONS,
      async (manager, current) => {
        current.status = ApplicationStatus.CANCELLED;
        current.decidedAt = new Date();
        const promoted = await freeStall(ctx.db, manager, current);
        if (promoted) {
          await audit(manager, ctx.viewer, { action: 'promoteFromWaitlist', entity: promoted, after: { stallId: promoted.stallId } });
          await recordStallApplicationEvent(manager, promoted, 'promoted');
        }
        return current;
      },
      allowedAnyway,
    );
  }

  /** An organiser's decision on an application in one of `from`, in a transaction under the application's row lock. */
  private async decide(
    ctx: Context,
    id: string,
    idempotencyKey: string | null | undefined,
    action: string,
    from: readonly ApplicationStatus[],
    change: (manager: EntityManager, application: StallApplication) => Promise<StallApplication>,
    allowedAnyway = false,
  ): Promise<StallApplication> {
    const { application: loaded, event } = await loadApplication(ctx, id);
    ctx.viewer.insist(allowedAnyway || (await organises(ctx, event)), 'actions.decideStallApplications');
    // Run again if MariaDB picks it as a deadlock's victim: the locking reads of admit and freeStall
    // may also lock other categories' rows (MariaDB scans a small table whole rather than through an
    // index), so decisions on two categories can still cross. A victim is rolled back whole, and run
    // again it re-reads everything under its locks (see idempotentTransaction, which `once` runs in).
    // The applicant's phone and code are not in the request's hash: the application's id stands for them.
    return once(
      ctx.db,
      { scope: `${action}:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id } },
      async (manager) => {
        // The category first, then the application: admit and freeStall lock the category and then read
        // every application of it with a locking read, so locking the application first would deadlock
        // two decisions on one category (each holding its application, waiting for the other's lock).
        await ctx.db.lockForUpdate(manager, StallCategory, { id: loaded.categoryId });
        const application = await locked(ctx, manager, id);
        if (!from.includes(application.status)) throw conflict(t('conflicts.applicationUnchangeable', { applicationStatus: t(`enums.ApplicationStatus.${application.status}`) }));
        const before = { status: application.status, stallId: application.stallId };
        const after = await change(manager, application);
        await audit(manager, ctx.viewer, { action, entity: after, unitPath: event.unitPath, before, after: { status: after.status, stallId: after.stallId } });
        await recordStallApplicationEvent(manager, after, 'decided', event.unitPath);
        return after;
      },
      (manager, replayed) => manager.findOneByOrFail(StallApplication, { id: replayed }),
    );
  }
}

/** The organisers' view of an event's applications. */
@Resolver(() => Event)
export class EventApplicationsResolver {
  @FieldResolver(() => [StallApplication], { nullable: true, description: 'Every application, in order (its organisers)' })
  async applications(@Root() event: Event, @Ctx() ctx: Context): Promise<StallApplication[]> {
    ctx.viewer.insist(await organises(ctx, event), 'actions.seeEventApplications');
    return ctx.loaders.get(applicationsOfEvent).load(event.id);
  }
}
