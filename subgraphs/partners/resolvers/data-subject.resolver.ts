import { LocalDateResolver } from 'graphql-scalars';
import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Consent, consentsOf, consentsOfSubject } from '../../common/consent';
import type { Context } from '../../common/context';
import { dataSubjectType, insistDataSubject } from '../../common/data-subject';
import { OnboardeeKind, Onboarding, OnboardingStatus } from '../entities';

export const { DataSubject, referenceResolvers: dataSubjectReferences } = dataSubjectType();
type DataSubject = InstanceType<typeof DataSubject>;

@ObjectType({ description: 'A household onboarded onto a partner’s platform, as the partner and the team keep it' })
class PersonalOnboarding {
  @Field(() => ID, { description: 'The onboarding’s identifier' })
  id: string;

  @Field({ description: 'The partner whose platform it is' })
  partnerName: string;

  @Field({ description: 'The platform the person was onboarded onto' })
  platformName: string;

  @Field(() => OnboardeeKind, { description: 'Whether a household, a business or a co-operative' })
  onboardeeKind: OnboardeeKind;

  @Field({ description: 'The name recorded' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The phone number recorded' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'The address recorded' })
  address: string | null;

  @Field(() => LocalDateResolver, { description: 'When the person was onboarded' })
  onboardedOn: string;

  @Field(() => OnboardingStatus, { description: 'Whether the person uses the platform' })
  status: OnboardingStatus;

  @Field(() => Consent, { nullable: true, description: 'The consent the person gave for the onboarding to be recorded' })
  consent: Consent | null;
}

/** The partners' part of a person's report: only that person's onboardings. */
@Resolver(() => DataSubject)
export class DataSubjectResolver {
  @FieldResolver(() => [PersonalOnboarding], { description: 'Onboardings onto partners’ platforms the person consented to' })
  async platformOnboardings(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalOnboarding[]> {
    insistDataSubject(ctx, subject);
    const { manager } = ctx.db;
    const given = await consentsOfSubject(manager, subject.key, Onboarding.name);
    const onboardings = await manager.find(Onboarding, {
      // Households' onboardings carry their consent, which holds the phone's keyed hash.
      where: { id: In(given.map((consent) => consent.recordId)) },
      relations: { partner: true, platform: true },
      order: { onboardedOn: 'ASC' },
    });
    const consents = await consentsOf(manager, Onboarding.name, onboardings.map((onboarding) => onboarding.id));
    return onboardings.map((onboarding) => ({
      id: onboarding.id,
      partnerName: onboarding.partner!.name,
      platformName: onboarding.platform!.name,
      onboardeeKind: onboarding.onboardeeKind,
      name: onboarding.name,
      phone: onboarding.phone,
      address: onboarding.address,
      onboardedOn: onboarding.onboardedOn,
      status: onboarding.status,
      consent: consents.find((consent) => consent.recordId === onboarding.id) ?? null,
    }));
  }
}
