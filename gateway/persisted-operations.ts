import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, parse, print, visit, type DocumentNode, type FieldNode, type SelectionNode } from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { t } from '../subgraphs/common/messages';

/** Apollo's persisted query manifest (`client/persisted-operations.json` is one). */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads and checks a manifest: its format, and that every id is the SHA-256 of its body. */
export function readOperationManifest(path: string): PersistedQueryManifest {
  let manifest: PersistedQueryManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as PersistedQueryManifest;
  } catch (error) {
    throw new Error(`Cannot read the operation allow-list ${path}: ${(error as Error).message}`);
  }
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${path} is not an Apollo persisted query manifest (format "apollo-persisted-query-manifest", version 1)`);
  }
  const mismatched = manifest.operations.filter(({ id, body }) => typeof body !== 'string' || id !== sha256(body));
  if (mismatched.length > 0) {
    throw new Error(`${path}: the id of ${mismatched.map(({ name }) => name).join(', ')} is not the SHA-256 of its body`);
  }
  return manifest;
}

const NOT_ALLOWED_CODE = 'PERSISTED_QUERY_NOT_ALLOWED';

const isTypename = (selection: SelectionNode): selection is FieldNode =>
  selection.kind === Kind.FIELD && selection.name.value === '__typename';

/**
 * The document as Apollo Client (3 and 4) sends it: its cache adds `__typename` to every selection
 * set but an operation's root, unless the set already asks for it or for an introspection field
 * (`addTypenameToDocument`). Written out here because the gateway does not ship a browser client.
 */
export function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
      if (node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'))) return undefined;
      const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
      return { ...node, selections: [...node.selections, typename] };
    },
  });
}

/** Operations, then fragments, each by name: the order `@apollo/persisted-query-lists` hashes them in. */
function sortedDefinitions(document: DocumentNode): DocumentNode {
  const name = (definition: DocumentNode['definitions'][number]) => ('name' in definition ? (definition.name?.value ?? '') : '');
  const definitions = [...document.definitions].sort((a, b) => b.kind.localeCompare(a.kind) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  return { ...document, definitions };
}

/**
 * What an operation asks for, whoever wrote it out: printed without layout, definitions sorted,
 * and without plain `__typename` selections, which clients' caches add where they like (urql,
 * Apollo Client, Relay) and which cost nothing to answer.
 */
export function canonicalOperation(document: DocumentNode): string {
  const stripped = visit(document, {
    SelectionSet(node) {
      const selections = node.selections.filter((selection) => !(isTypename(selection) && !selection.alias && !selection.directives?.length));
      return selections.length === node.selections.length ? undefined : { ...node, selections };
    },
  });
  return print(sortedDefinitions(stripped));
}

/**
 * The bodies the allow-list answers a hash with: each operation as the manifest has it, and as
 * Apollo Client's persisted-query link hashes it (with its `__typename`s, definitions in document
 * order or sorted), so that a standard client on its defaults reaches the operation in one request.
 */
function bodiesByHash(manifest: PersistedQueryManifest): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const { id, body } of manifest.operations) {
    bodies.set(id, body);
    const typed = withTypenames(parse(body));
    for (const form of [print(typed), print(sortedDefinitions(typed))]) bodies.set(sha256(form), form);
  }
  return bodies;
}

/**
 * Accepts only the manifest's operations: sent in full, in any layout and with or without the
 * `__typename`s clients add (compared by `canonicalOperation`), or by hash alone
 * (`extensions.persistedQuery.sha256Hash`, answered with the body of that hash). Any other body is
 * refused before it is planned, and so never registered as a persisted query; any other hash is
 * refused too, rather than answered "not found" as if sending its body could help.
 */
export function operationAllowList(manifest: PersistedQueryManifest): ApolloServerPlugin {
  const bodies = bodiesByHash(manifest);
  const allowed = new Set(manifest.operations.map(({ body }) => canonicalOperation(parse(body))));
  return {
    async requestDidStart({ request }) {
      const hash = request.extensions?.persistedQuery?.sha256Hash;
      if (request.query === undefined && typeof hash === 'string' && bodies.has(hash)) request.query = bodies.get(hash);
      return {
        async didResolveOperation({ queryHash, document }) {
          if (bodies.has(queryHash) || allowed.has(canonicalOperation(document))) return;
          throw new GraphQLError(t('gateway.notAllowed'), { extensions: { code: NOT_ALLOWED_CODE, http: { status: 400 } } });
        },
        // Apollo answers an unknown hash before any hook may refuse it: reword its answer.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (!singleResult.errors?.some(({ extensions }) => extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return;
          singleResult.errors = singleResult.errors.map((error) =>
            error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND'
              ? { message: t('gateway.notAllowed'), extensions: { code: NOT_ALLOWED_CODE, requestId: error.extensions?.requestId } }
              : error,
          );
          response.http.status = 400;
        },
      };
    },
  };
}
