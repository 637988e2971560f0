import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Matches } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { In } from 'typeorm';
import { Consent, consentsOf, consentsOfSubject } from '../../common/consent';
import type { Context } from '../../common/context';
import { dataSubjectType, insistDataSubject } from '../../common/data-subject';
import { forbidden } from '../../common/errors';
import { Member, MemberRole, MembershipRequest, MembershipRequestStatus, Person, Team } from '../entities';
import { teamById } from '../loaders';
import { sendAccessCode, verifyAccessCode } from '../services/access-codes';
import { IsVietnamesePhone } from '../../common/validation';
import { t } from '../../common/messages';

export const { DataSubject, referenceResolvers: dataSubjectReferences } = dataSubjectType();
type DataSubject = InstanceType<typeof DataSubject>;

@ArgsType()
class PhoneArgs {
  @Field({ description: 'The phone the code is sent to' })
  @IsVietnamesePhone()
  phone: string;
}

@ArgsType()
class AccessCodeArgs extends PhoneArgs {
  @Field({ description: 'The 6-digit code received' })
  @Matches(/^\d{6}$/, { message: () => t('checks.sixDigits') })
  code: string;
}

@ObjectType({ description: 'A code was sent; in development (no channel to send it yet) it is given here' })
class AccessCodeSent {
  @Field({ description: 'When the code stops working' })
  expiresAt: Date;

  @Field(() => String, { nullable: true, description: 'Development only: the code, as the channel would have sent it' })
  developmentCode: string | null;
}

@ObjectType({ description: 'Signs the person in to their own data for a few minutes' })
class DataSubjectToken {
  @Field({ description: 'The bearer token to send with the person’s requests for their own data' })
  token: string;

  @Field(() => Int, { description: 'How many seconds the token stays valid' })
  expiresInSeconds: number;
}

@ObjectType({ description: 'A team the person is or was in, with the details the team keeps' })
class PersonalMembership {
  @Field(() => Team, { description: 'The team the person is or was a member of' })
  team: Team;

  @Field(() => MemberRole, { description: 'The person’s role in the team' })
  role: MemberRole;

  @Field(() => LocalDateResolver, { description: 'When the person joined the team' })
  joinedOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the person left the team; null while a member' })
  leftOn: string | null;

  @Field({ description: 'The person’s name as the team records it' })
  fullName: string;

  @Field(() => String, { nullable: true, description: 'The person’s phone number as the team records it' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'The person’s address as the team records it' })
  address: string | null;
}

@ObjectType({ description: 'An application to join a team' })
class PersonalJoinApplication {
  @Field(() => ID, { description: 'The application’s identifier' })
  id: string;

  @Field(() => Team, { description: 'The team applied to' })
  team: Team;

  @Field(() => MembershipRequestStatus, { description: 'Where the application stands' })
  status: MembershipRequestStatus;

  @Field({ description: 'When the person applied' })
  appliedAt: Date;

  @Field(() => String, { nullable: true, description: 'The name the person applied with' })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'The phone number the person applied with' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'The address the person applied with' })
  address: string | null;

  @Field(() => Consent, { nullable: true, description: 'The consent given with it' })
  consent: Consent | null;
}

/** The person's own way in: a code to their phone, and their report (the teams part of it here). */
@Resolver(() => DataSubject)
export class DataSubjectResolver {
  @Mutation(() => AccessCodeSent, { description: 'Sends a one-time code to a phone, to see and ask about the data the hub holds on its owner' })
  requestAccessCode(@Args() { phone }: PhoneArgs, @Ctx() ctx: Context): Promise<AccessCodeSent> {
    return sendAccessCode(ctx, phone);
  }

  @Mutation(() => DataSubjectToken, { description: 'Exchanges the code for a short token to the person’s own data' })
  verifyAccessCode(@Args() { phone, code }: AccessCodeArgs, @Ctx() ctx: Context): Promise<DataSubjectToken> {
    return verifyAccessCode(ctx, phone, code);
  }

  @Query(() => DataSubject, { description: 'Everything the hub holds about the signed-in person, assembled from every subgraph' })
  personalDataReport(@Ctx() ctx: Context): DataSubject {
    const key = ctx.viewer.dataSubjectKey;
    if (!key) throw forbidden(t('refusals.confirmPhoneToSee'));
    return { key };
  }

  @FieldResolver(() => [PersonalMembership], { description: 'Teams the person is or was in' })
  async memberships(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalMembership[]> {
    insistDataSubject(ctx, subject);
    const people = await ctx.db.manager.findBy(Person, { phoneHash: subject.key });
    if (people.length === 0) return [];
    const members = await ctx.db.manager.find(Member, { where: { personId: In(people.map((person) => person.id)) }, order: { joinedOn: 'ASC' } });
    const teams = await ctx.loaders.get(teamById).loadMany(members.map((member) => member.teamId));
    return members.map((member, index) => {
      const person = people.find((candidate) => candidate.id === member.personId)!;
      return { team: teams[index] as Team, role: member.role, joinedOn: member.joinedOn, leftOn: member.leftOn, fullName: person.fullName, phone: person.phone, address: person.address };
    });
  }

  @FieldResolver(() => [PersonalJoinApplication], { description: 'Applications to join a team made with the person’s phone' })
  async joinApplications(@Root() subject: DataSubject, @Ctx() ctx: Context): Promise<PersonalJoinApplication[]> {
    insistDataSubject(ctx, subject);
    // By the phone they were made with, and by the consent given with them (it keeps the person's key once the phone is erased).
    const given = await consentsOfSubject(ctx.db.manager, subject.key, MembershipRequest.name);
    const requests = await ctx.db.manager.find(MembershipRequest, {
      where: [{ applicantPhoneHash: subject.key }, { id: In(given.map((consent) => consent.recordId)) }],
      order: { createdAt: 'ASC' },
    });
    const consents = await consentsOf(ctx.db.manager, MembershipRequest.name, requests.map((request) => request.id));
    const teams = await ctx.loaders.get(teamById).loadMany(requests.map((request) => request.teamId));
    return requests.map((request, index) => ({
      id: request.id,
      team: teams[index] as Team,
      status: request.status,
      appliedAt: request.createdAt,
      name: request.applicantName,
      phone: request.applicantPhone,
      address: request.applicantAddress,
      consent: consents.find((consent) => consent.recordId === request.id) ?? null,
    }));
  }
}
