import { readFileSync } from 'node:fs';
import path from 'node:path';
import { subgraphs } from '../subgraphs';
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
  expect(Object.keys(composition.subgraphSdl)).toEqual(subgraphs.map(({ name }) => name));
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
