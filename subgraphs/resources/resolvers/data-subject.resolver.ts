import { LocalDateResolver } from 'graphql-scalars';
import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Consent, consentsOfSubject } from '../../common/consent';
import type { Context } from '../../common/context';
import { dataSubjectType, insistDataSubject } from '../../common/data-subject';
import { Allocation } from '../entities';

export const { DataSubject, referenceResolvers: dataSubjectReferences } = dataSubjectType();
type DataSubject = InstanceType<typeof DataSubject>;

@ObjectType({ description: 'A gift the person’s household received from a programme' })
class PersonalGift {
  @Field(() => ID, { description: 'The gift’s identifier' })
  id: string;

  @Field({ description: 'The programme the gift came from' })
  programmeName: string;

  @Field({ description: 'What was given' })
  item: string;

  @Field(() => Int, { description: 'How many items were given' })
  quantity: number;

  @Field(() => String, { nullable: true, description: 'The household as recorded with the gift' })
  household: string | null;

  @Field(() => LocalDateResolver, { description: 'When the gift was given' })
  issuedOn: string;

  @Field(() => Consent, { description: 'The consent the person gave for the gift to be recorded' })
  consent: Consent;
}

/** The resources' part of a person's report: gifts their household received, found by the consent given with them. */
@Resolver(() => DataSubject)
export class DataSubjectResolver {
  @FieldResolver(() => [PersonalGift], { description: 'Gifts received, with the consent given for them' })
  async giftsReceived(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalGift[]> {
    insistDataSubject(ctx, subject);
    const consents = await consentsOfSubject(ctx.db.manager, subject.key, Allocation.name);
    if (consents.length === 0) return [];
    const allocations = await ctx.db.manager.find(Allocation, {
      where: { id: In(consents.map((consent) => consent.recordId)) },
      relations: { gift: { receipt: { programme: true } } },
      order: { issuedOn: 'ASC' },
    });
    return allocations.map((allocation) => ({
      id: allocation.id,
      programmeName: allocation.gift!.receipt!.programme!.name,
      item: allocation.gift!.description,
      quantity: allocation.quantity,
      household: allocation.household,
      issuedOn: allocation.issuedOn,
      consent: consents.find((consent) => consent.recordId === allocation.id)!,
    }));
  }
}
