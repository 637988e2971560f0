import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { teamsReferences } from '../../common/references';

export const { Team, Member, AdministrativeUnit, referenceResolvers } = teamsReferences();
export type Team = InstanceType<typeof Team>;
export type Member = InstanceType<typeof Member>;
export type AdministrativeUnit = InstanceType<typeof AdministrativeUnit>;

/** Owned by the partners subgraph; this one adds the partner's stalls to it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Partner {
  @Field(() => ID, { description: 'The record’s identifier in the hub (a UUID)' })
  id: string;
}

/** Owned by the resources subgraph (a lot of in-kind gifts); this one only points at it, from a prize. */
@ObjectType({ description: 'A lot of in-kind gifts received (resources subgraph)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Gift {
  @Field(() => ID)
  id: string;
}
