import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Entities other subgraphs own, referenced here by key. */

@ObjectType()
@Directive('@key(fields: "id")')
export class Team {
  @Field(() => ID)
  id: string;
}

/** Owned by the teams subgraph; this one only points at it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Member {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "code")')
export class AdministrativeUnit {
  @Field(() => ID)
  code: string;
}

/** Owned by the partners subgraph; this one only points at it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Partner {
  @Field(() => ID)
  id: string;
}
