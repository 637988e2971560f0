import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { teamsReferences } from '../../common/references';

export const { Team, Member, AdministrativeUnit, referenceResolvers } = teamsReferences();
export type Team = InstanceType<typeof Team>;
export type Member = InstanceType<typeof Member>;
export type AdministrativeUnit = InstanceType<typeof AdministrativeUnit>;

/** Owned by the events subgraph; this one adds the programmes paying for it and their sponsors. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Event {
  @Field(() => ID)
  id: string;
}

/** Owned by the events subgraph; this one adds its hand-over: the allocation from the prize's lot to the winner. */
@ObjectType({ description: 'A prize of a contest at an event (events subgraph)' })
@Directive('@key(fields: "id")')
export class ContestPrize {
  @Field(() => ID)
  id: string;
}

/** Owned by the partners subgraph; this one only points at it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Partner {
  @Field(() => ID, { description: 'The record’s identifier in the hub (a UUID)' })
  id: string;
}
