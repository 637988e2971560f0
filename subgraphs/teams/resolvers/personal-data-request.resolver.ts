import { Matches } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { recordRead } from '../../common/personal-data-reads';
import type { Context } from '../../common/context';
import { insistDataSubject } from '../../common/data-subject';
import { checkedKey, RETRY_KEY } from '../../common/idempotency';
import { PersonalDataRequest, PersonalDataRequestStatus } from '../entities';
import { handlePersonalDataRequest, personalDataRequestQueue, requestsOfSubject, submitPersonalDataRequest } from '../services/personal-data-requests';
import { DataSubject } from './data-subject.resolver';
import { PersonalDataRequestInput, PersonalDataRequestOutcomeInput } from './inputs';
import { t } from '../../common/messages';

type DataSubject = InstanceType<typeof DataSubject>;

@ArgsType()
class UnitQueueArgs {
  @Field({ description: 'The unit whose queue: requests addressed to it or to units under it' })
  @Matches(/^[0-9A-Za-z.-]{1,20}$/, { message: () => t('checks.fileCode') })
  unitCode: string;
}

/** Requests to correct, erase or restrict: the person files them, officers over the unit handle them (services/personal-data-requests.ts). */
@Resolver(() => PersonalDataRequest)
export class PersonalDataRequestResolver {
  @Mutation(() => PersonalDataRequest, {
    description: 'The person (signed in with a one-time code to their phone) asks to correct, erase or restrict their data; officers over the unit handle it before its deadline',
  })
  requestPersonalDataAction(@Arg('input', { description: 'What the person asks for' }) input: PersonalDataRequestInput, @Ctx() ctx: Context): Promise<PersonalDataRequest> {
    return submitPersonalDataRequest(ctx, input);
  }

  @Query(() => [PersonalDataRequest], {
    description: 'The officers’ queue of a unit: requests addressed to it or to units under it, the nearest deadline first (at most 200)',
  })
  personalDataRequests(
    @Args() { unitCode }: UnitQueueArgs,
    @Arg('statuses', () => [PersonalDataRequestStatus], { defaultValue: [PersonalDataRequestStatus.RECEIVED], description: 'Which requests: those still waiting by default' })
    statuses: PersonalDataRequestStatus[],
    @Ctx() ctx: Context,
  ): Promise<PersonalDataRequest[]> {
    return personalDataRequestQueue(ctx, unitCode, statuses.length > 0 ? statuses : [PersonalDataRequestStatus.RECEIVED]);
  }

  @Mutation(() => PersonalDataRequest, {
    description:
      'An officer over the request’s unit records its outcome, once, with the reason; an erasure, a restriction or its lifting, or a correction with its values, done is carried out by every subgraph on its own records',
  })
  handlePersonalDataRequest(
    @Arg('input', { description: 'The request and how it was handled' }) input: PersonalDataRequestOutcomeInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<PersonalDataRequest> {
    return handlePersonalDataRequest(ctx, input, checkedKey(idempotencyKey));
  }

  @FieldResolver(() => String, { nullable: true, description: 'A correction: the full name as the person says it should read (until the request is handled)' })
  correctedFullName(@Root() request: PersonalDataRequest): string | null {
    return request.correctedFullName;
  }

  @FieldResolver(() => String, { nullable: true, description: 'A correction: the address as the person says it should read (until handled; each read recorded)' })
  correctedAddress(@Root() request: PersonalDataRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    // Whose: the request (the person has no other id here).
    return recordRead(ctx, info, request.id, request.correctedAddress);
  }

  @FieldResolver(() => Boolean, { description: 'Still waiting after its deadline' })
  overdue(@Root() request: PersonalDataRequest): boolean {
    return request.status === PersonalDataRequestStatus.RECEIVED && request.dueAt.getTime() < Date.now();
  }
}

/** The person's own requests, in their report. */
@Resolver(() => DataSubject)
export class DataSubjectRequestsResolver {
  @FieldResolver(() => [PersonalDataRequest], { description: 'The person’s requests to correct, erase or restrict, newest first, with where each stands' })
  personalDataRequests(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalDataRequest[]> {
    insistDataSubject(ctx, subject);
    return requestsOfSubject(ctx.db.manager, subject.key);
  }
}
