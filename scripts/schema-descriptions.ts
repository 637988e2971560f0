import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';

export type ElementKind = 'type' | 'field' | 'argument' | 'input field' | 'enum value' | 'directive';

export interface DescriptionCoverage {
  /** Per kind of element: how many there are and how many have a description. */
  counts: Record<ElementKind, { described: number; total: number }>;
  /** Schema coordinates of the elements without one (`Team.name`, `Query.team(id:)`, `TeamStatus.ACTIVE`). */
  undescribed: string[];
}

/** Federation's own elements (`_entities`, `_Service`, `join__…`, `link__…`): not ours to describe. */
const isFederationName = (name: string) => name.startsWith('_') || name.startsWith('join__') || name.startsWith('link__');

/**
 * How much of a schema integrators can read about: every type, field, argument, input field,
 * enum value and directive of ours, with or without a description (GraphQL's own and
 * federation's elements left out).
 */
export function descriptionCoverage(schema: GraphQLSchema): DescriptionCoverage {
  const counts = Object.fromEntries(
    (['type', 'field', 'argument', 'input field', 'enum value', 'directive'] as const).map((kind) => [kind, { described: 0, total: 0 }]),
  ) as DescriptionCoverage['counts'];
  const undescribed: string[] = [];
  const count = (kind: ElementKind, coordinate: string, description: string | null | undefined) => {
    counts[kind].total += 1;
    if (description?.trim()) counts[kind].described += 1;
    else undescribed.push(coordinate);
  };
  const countArguments = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) count('argument', `${owner}(${arg.name}:)`, arg.description);
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || isFederationName(type.name)) continue;
    count('type', type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isFederationName(field.name)) continue;
        count('field', `${type.name}.${field.name}`, field.description);
        countArguments(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) count('input field', `${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) count('enum value', `${type.name}.${value.name}`, value.description);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive) || isFederationName(directive.name)) continue;
    count('directive', `@${directive.name}`, directive.description);
    countArguments(`@${directive.name}`, directive.args);
  }
  return { counts, undescribed };
}

/** One line per kind: `fields 986/986 (100 %)`. */
export function formatCoverage({ counts }: DescriptionCoverage): string {
  return Object.entries(counts)
    .filter(([, { total }]) => total > 0)
    .map(([kind, { described, total }]) => `${kind}s ${described}/${total} (${Math.floor((100 * described) / total)} %)`)
    .join(', ');
}
