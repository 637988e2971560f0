import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { API_SCHEMA_PATH, apiSchemaOf, composeSupergraph } from '../gateway/supergraph';
import { subgraphs } from '../subgraphs';
import { descriptionCoverage, formatCoverage } from './schema-descriptions';
import { formatSchemaChanges, schemaChanges } from './schema-diff';

const USAGE = `Lists what the subgraphs' code changes in the API schema clients see, by risk.

  npm run schema:check                       against the committed ${API_SCHEMA_PATH}
  npm run schema:check -- --against main     against the API schema at a git ref (CI: the merge base)
  npm run schema:check -- --allow-breaking   print breaking changes without failing

Fails on breaking changes unless --allow-breaking, or unless a commit after the --against ref
acknowledges them with a line "Schema-Breaking: <why, and how clients migrate>" in its message.`;

const ACKNOWLEDGEMENT = /^Schema-Breaking:\s*\S/m;

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The API schema at a ref: its committed client/schema.graphql, or derived from its supergraph before there was one. */
function apiSchemaAt(ref: string): string {
  try {
    return git('show', `${ref}:${API_SCHEMA_PATH}`);
  } catch {
    return apiSchemaOf(git('show', `${ref}:supergraph.graphql`));
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) return void console.log(USAGE);
  const againstIndex = args.indexOf('--against');
  const against = againstIndex >= 0 ? args[againstIndex + 1] : undefined;
  if (againstIndex >= 0 && !against) throw new Error(`--against needs a git ref\n\n${USAGE}`);

  const { apiSchemaSdl } = await composeSupergraph(subgraphs);
  const baseline = against ? apiSchemaAt(against) : readFileSync(API_SCHEMA_PATH, 'utf8');
  const changes = await schemaChanges(baseline, apiSchemaSdl);
  console.log(`API schema changes against ${against ?? `the committed ${API_SCHEMA_PATH}`}:`);
  console.log(formatSchemaChanges(changes));
  console.log(`Descriptions: ${formatCoverage(descriptionCoverage(buildSchema(apiSchemaSdl)))}`);
  if (changes.breaking.length === 0) return;

  const acknowledged = args.includes('--allow-breaking') || (against !== undefined && ACKNOWLEDGEMENT.test(git('log', '--format=%B', `${against}..HEAD`)));
  if (acknowledged) {
    console.log('Breaking changes acknowledged: tell partners before deploying.');
    return;
  }
  console.error(
    `\n${changes.breaking.length} breaking change(s) for clients. Keep the old fields (deprecate them) or, if clients are told,\n` +
      'acknowledge with a "Schema-Breaking: <why, how to migrate>" line in a commit message.',
  );
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
