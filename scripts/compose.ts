import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { API_SCHEMA_PATH, composeSupergraph } from '../gateway/supergraph';
import { subgraphs } from '../subgraphs';
import { readmeWithAuthorizationTables } from '../subgraphs/authorization';
import { withConfigurationTable } from './configuration';
import { withExamples } from './doc-examples';
import { writeGeneratedFiles } from './generated-files';

/**
 * `npm run compose`: writes each subgraph's SDL, the supergraph the gateway serves and its API
 * schema, which the client SDK is generated from, the README's authorization tables and the
 * configuration table in docs/operations.md, and the example scripts shown in docs/integrating.md.
 * `--check`: writes nothing, fails if a committed file is stale.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { subgraphSdl, supergraphSdl, apiSchemaSdl } = await composeSupergraph(subgraphs);
  const files: Record<string, string> = { 'supergraph.graphql': supergraphSdl, [API_SCHEMA_PATH]: apiSchemaSdl };
  for (const [name, sdl] of Object.entries(subgraphSdl)) files[`subgraphs/${name}/schema.graphql`] = sdl;
  // The README's table of who may do what is made from the subgraphs' authorization matrices.
  files['README.md'] = readmeWithAuthorizationTables(readFileSync('README.md', 'utf8'));
  // The operators' configuration table is made from the code that reads the environment.
  files['docs/operations.md'] = withConfigurationTable(readFileSync('docs/operations.md', 'utf8'));
  // Integrators' examples are the example scripts the hub's tests run.
  files['docs/integrating.md'] = withExamples(readFileSync('docs/integrating.md', 'utf8'));

  writeGeneratedFiles(files, { check, command: 'npm run compose', upToDate: 'Supergraph is up to date' });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
