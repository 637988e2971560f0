import { formatSchemaChanges, schemaChanges } from './schema-diff';

const before = /* GraphQL */ `
  type Query { team(id: ID!): Team }
  type Team { id: ID! name: String! phone: String status: TeamStatus! }
  enum TeamStatus { ACTIVE DISSOLVED }
`;

it('calls a removed field breaking, an added optional field safe', async () => {
  const after = before.replace('phone: String', 'memberCount: Int');
  const changes = await schemaChanges(before, after);
  expect(changes.breaking.map((change) => change.path)).toEqual(['Team.phone']);
  expect(changes.safe.map((change) => change.path)).toEqual(['Team.memberCount']);
  expect(changes.dangerous).toEqual([]);
  expect(formatSchemaChanges(changes)).toMatch(/^Breaking \(1\):\n {2}- Field 'phone' was removed from object type 'Team'.*\nSafe \(1\):\n {2}- Field 'memberCount' was added to object type 'Team'$/);
});

it('calls a new required argument breaking and a new enum value dangerous', async () => {
  const after = before.replace('team(id: ID!)', 'team(id: ID!, unitCode: String!)').replace('ACTIVE DISSOLVED', 'ACTIVE SUSPENDED DISSOLVED');
  const changes = await schemaChanges(before, after);
  expect(changes.breaking.map((change) => change.path)).toEqual(['Query.team.unitCode']);
  expect(changes.dangerous.map((change) => change.path)).toEqual(['TeamStatus.SUSPENDED']);
});

it('reports an unchanged schema as such', async () => {
  const changes = await schemaChanges(before, before);
  expect(formatSchemaChanges(changes)).toBe('No changes to the API schema.');
});
