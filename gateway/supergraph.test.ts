import { buildSchema, getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { subgraphs } from '../subgraphs';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { API_SCHEMA_PATH, composeSupergraph, type Composition } from './supergraph';

const root = path.join(__dirname, '..');
let composition: Composition;

beforeAll(async () => {
  composition = await composeSupergraph(subgraphs);
});

function committed(file: string): string | undefined {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

it('the committed supergraph, API and subgraph schemas are what the code composes (else run `npm run compose`)', () => {
  // Each definition under its own name: the gateway knows them by SUBGRAPH_NAMES alone.
  expect(Object.keys(composition.subgraphSdl)).toEqual([...SUBGRAPH_NAMES]);
  const expected: Record<string, string> = {
    'supergraph.graphql': composition.supergraphSdl,
    [API_SCHEMA_PATH]: composition.apiSchemaSdl,
  };
  for (const { name } of subgraphs) expected[`subgraphs/${name}/schema.graphql`] = composition.subgraphSdl[name];

  const stale = Object.entries(expected)
    .filter(([file, sdl]) => committed(file) !== sdl)
    .map(([file]) => `${file} differs from the code: run \`npm run compose\` and commit the result`);
  expect(stale).toEqual([]);
});

it('the API schema has no federation internals', () => {
  expect(composition.apiSchemaSdl).not.toMatch(/join__|link__|@link|@key/);
  expect(composition.apiSchemaSdl).toMatch(/^type Query \{/m);
});

it('the teams subgraph links to federation v2 and keys Team and Member by id, AdministrativeUnit by code', () => {
  const sdl = composition.subgraphSdl.teams;
  expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
  expect(sdl).toMatch(/^type Team\s+@key\(fields: "id"\)/m);
  expect(sdl).toMatch(/^type Member\s+@key\(fields: "id"\)/m);
  expect(sdl).toMatch(/^type AdministrativeUnit\s+@key\(fields: "code"\)/m);
});

it('every connection of the API schema follows the Relay cursor connections spec, paged by first and after', () => {
  const schema = buildSchema(composition.apiSchemaSdl);
  const typeOf = (field: GraphQLField<unknown, unknown> | undefined) => field?.type.toString();
  const pageInfo = schema.getType('PageInfo') as GraphQLObjectType;
  expect(Object.fromEntries(Object.values(pageInfo.getFields()).map((field) => [field.name, typeOf(field)]))).toEqual({
    hasNextPage: 'Boolean!',
    hasPreviousPage: 'Boolean!',
    startCursor: 'String',
    endCursor: 'String',
  });
  const connections = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && type.name.endsWith('Connection'));
  expect(connections.length).toBeGreaterThanOrEqual(8);
  const shapes = connections.map((connection) => {
    const fields = connection.getFields();
    const edge = getNamedType(fields.edges?.type) as GraphQLObjectType | undefined;
    return [connection.name, typeOf(fields.edges), typeOf(fields.pageInfo), typeOf(edge?.getFields().cursor), typeOf(edge?.getFields().node)];
  });
  expect(shapes).toEqual(connections.map((connection) => {
    const node = getNamedType(connection.getFields().nodes?.type)?.name;
    return [connection.name, `[${node}Edge!]!`, 'PageInfo!', 'String!', `${node}!`];
  }));

  // Every field that returns a connection pages forward with `first` and `after`; no other field takes a cursor.
  const fields = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ name: `${type.name}.${field.name}`, field })));
  const paged = fields.filter(({ field }) => getNamedType(field.type).name.endsWith('Connection'));
  expect(paged.map(({ name, field }) => [name, field.args.map((arg) => arg.name).filter((arg) => ['first', 'after'].includes(arg))])).toEqual(
    paged.map(({ name }) => [name, ['first', 'after']]),
  );
  expect(fields.filter(({ field }) => field.args.some((arg) => arg.name === 'after')).length).toBe(paged.length);
});
