import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Consent, consentsOf, consentsOfSubject } from '../../common/consent';
import type { Context } from '../../common/context';
import { dataSubjectType, insistDataSubject } from '../../common/data-subject';
import { ApplicationStatus, ContestEntry, Event, ExhibitorKind, StallApplication } from '../entities';

export const { DataSubject, referenceResolvers: dataSubjectReferences } = dataSubjectType();
type DataSubject = InstanceType<typeof DataSubject>;

@ObjectType({ description: 'A stall application made with the person’s phone' })
class PersonalStallApplication {
  @Field(() => ID, { description: 'The application’s identifier' })
  id: string;

  @Field({ description: 'The event’s title' })
  eventTitle: string;

  @Field(() => ExhibitorKind, { description: 'Who exhibits' })
  exhibitorKind: ExhibitorKind;

  @Field({ description: 'The exhibitor’s name as recorded' })
  exhibitorName: string;

  @Field({ description: 'The contact person’s name as recorded' })
  contactName: string;

  @Field(() => String, { nullable: true, description: 'Null once the consent was withdrawn (erased)' })
  contactPhone: string | null;

  @Field(() => ApplicationStatus, { description: 'Where the application stands' })
  status: ApplicationStatus;

  @Field(() => Consent, { nullable: true, description: 'The consent the person gave for the application to be recorded' })
  consent: Consent | null;
}

@ObjectType({ description: 'A contest entry in the person’s own name' })
class PersonalContestEntry {
  @Field(() => ID, { description: 'The entry’s identifier' })
  id: string;

  @Field({ description: 'The contest’s title' })
  contestTitle: string;

  @Field({ description: 'The entrant’s name as recorded' })
  entrant: string;

  @Field({ description: 'What was entered' })
  title: string;

  @Field(() => Int, { nullable: true, description: 'The entry’s score, once scored' })
  score: number | null;

  @Field(() => Consent, { nullable: true, description: 'The consent the person gave for the entry to be recorded' })
  consent: Consent | null;
}

/** The events' part of a person's report: only that person's applications and entries. */
@Resolver(() => DataSubject)
export class DataSubjectResolver {
  @FieldResolver(() => [PersonalStallApplication], { description: 'Stall applications made with the person’s phone' })
  async stallApplications(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalStallApplication[]> {
    insistDataSubject(ctx, subject);
    const { manager } = ctx.db;
    // By the phone they were made with, and by the consent given with them (it keeps the person's key after the phone is erased).
    const given = await consentsOfSubject(manager, subject.key, StallApplication.name);
    const applications = await manager.find(StallApplication, {
      where: [{ contactPhoneHash: subject.key }, { id: In(given.map((consent) => consent.recordId)) }],
      order: { appliedAt: 'ASC' },
    });
    const ids = applications.map((application) => application.id);
    const [consents, events] = await Promise.all([
      consentsOf(manager, StallApplication.name, ids),
      applications.length ? manager.findBy(Event, { id: In(applications.map((application) => application.eventId)) }) : [],
    ]);
    return applications.map((application) => ({
      id: application.id,
      eventTitle: events.find((event) => event.id === application.eventId)!.title,
      exhibitorKind: application.exhibitorKind,
      exhibitorName: application.exhibitorName,
      contactName: application.contactName,
      contactPhone: application.contactPhone,
      status: application.status,
      consent: consents.find((consent) => consent.recordId === application.id) ?? null,
    }));
  }

  @FieldResolver(() => [PersonalContestEntry], { description: 'Contest entries the person consented to with their phone' })
  async contestEntries(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalContestEntry[]> {
    insistDataSubject(ctx, subject);
    const consents = await consentsOfSubject(ctx.db.manager, subject.key, ContestEntry.name);
    if (consents.length === 0) return [];
    const entries = await ctx.db.manager.find(ContestEntry, { where: { id: In(consents.map((consent) => consent.recordId)) }, relations: { contest: true } });
    return entries.map((entry) => ({
      id: entry.id,
      contestTitle: entry.contest!.title,
      entrant: entry.entrant,
      title: entry.title,
      score: entry.score,
      consent: consents.find((consent) => consent.recordId === entry.id) ?? null,
    }));
  }
}
