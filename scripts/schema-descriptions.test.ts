import { buildSchema } from 'graphql';
import { composeSupergraph } from '../gateway/supergraph';
import { subgraphs } from '../subgraphs';
import { descriptionCoverage, formatCoverage } from './schema-descriptions';

it('names every element of ours without a description, and leaves GraphQL’s and federation’s own out', () => {
  const schema = buildSchema(/* GraphQL */ `
    directive @cached(
      "Seconds"
      maxAge: Int
    ) on FIELD_DEFINITION
    "What may be read"
    type Query {
      "A team"
      team(id: ID!): Team
      _service: String
    }
    type Team {
      "Its name"
      name: String! @deprecated
      status: TeamStatus!
    }
    "Whether a team is working"
    enum TeamStatus {
      "Working"
      ACTIVE
      DISSOLVED
    }
    input TeamInput {
      name: String!
    }
    scalar _Any
    type join__Graph {
      name: String
    }
  `);
  const coverage = descriptionCoverage(schema);
  expect(coverage.undescribed).toEqual(['Query.team(id:)', 'Team', 'Team.status', 'TeamStatus.DISSOLVED', 'TeamInput', 'TeamInput.name', '@cached']);
  expect(formatCoverage(coverage)).toBe(
    'types 2/4 (50 %), fields 2/3 (66 %), arguments 1/2 (50 %), input fields 0/1 (0 %), enum values 1/2 (50 %), directives 0/1 (0 %)',
  );
});

it('the public API schema composed from the subgraphs describes every type, field, argument, input field and enum value', async () => {
  const { apiSchemaSdl } = await composeSupergraph(subgraphs);
  expect(descriptionCoverage(buildSchema(apiSchemaSdl)).undescribed).toEqual([]);
});
