import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ReferenceResolvers } from './schema';

/**
 * The teams subgraph's entities as the other subgraphs see them: just their keys. A subgraph
 * returns these to point at a team, member or unit, and adds fields to them with
 * `@Resolver(() => Team)` field resolvers; the gateway fetches the rest from the teams subgraph.
 *
 * Each subgraph makes its own classes (type-graphql hangs field resolvers on the class, so a
 * shared class would carry one subgraph's fields into another's schema).
 */
export function teamsReferences() {
  @ObjectType('Team')
  @Directive('@key(fields: "id")')
  class Team {
    @Field(() => ID, { description: 'The record’s identifier in the hub (a UUID)' })
    id: string;
  }

  @ObjectType('Member')
  @Directive('@key(fields: "id")')
  class Member {
    @Field(() => ID, { description: 'The record’s identifier in the hub (a UUID)' })
    id: string;
  }

  @ObjectType('AdministrativeUnit')
  @Directive('@key(fields: "code")')
  class AdministrativeUnit {
    @Field(() => ID, { description: 'The unit’s official code (e.g. 40 for a province, 17227 for a commune)' })
    code: string;
  }

  /** Resolves references to these types to their keys. */
  const referenceResolvers: ReferenceResolvers = Object.fromEntries(
    ['Team', 'Member', 'AdministrativeUnit'].map((typeName) => [typeName, { __resolveReference: (reference: object) => reference }]),
  );
  return { Team, Member, AdministrativeUnit, referenceResolvers };
}
