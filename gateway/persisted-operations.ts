import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

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

const NOT_ALLOWED = 'This operation is not on the allow-list: send one of the persisted operations, by its body or its sha256Hash';
const NOT_ALLOWED_CODE = 'PERSISTED_QUERY_NOT_ALLOWED';

/**
 * Accepts only the manifest's operations, sent in full or by hash alone
 * (`extensions.persistedQuery.sha256Hash`, answered with the manifest's body). Any other body is
 * refused before it is planned, and so never registered as a persisted query; any other hash is
 * refused too, rather than answered "not found" as if sending its body could help.
 */
export function operationAllowList(manifest: PersistedQueryManifest): ApolloServerPlugin {
  const bodies = new Map(manifest.operations.map(({ id, body }) => [id, body]));
  return {
    async requestDidStart({ request }) {
      const hash = request.extensions?.persistedQuery?.sha256Hash;
      if (request.query === undefined && typeof hash === 'string' && bodies.has(hash)) request.query = bodies.get(hash);
      return {
        async didResolveOperation({ queryHash }) {
          if (!bodies.has(queryHash)) throw new GraphQLError(NOT_ALLOWED, { extensions: { code: NOT_ALLOWED_CODE, http: { status: 400 } } });
        },
        // Apollo answers an unknown hash before any hook may refuse it: reword its answer.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (!singleResult.errors?.some(({ extensions }) => extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return;
          singleResult.errors = singleResult.errors.map((error) =>
            error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND'
              ? { message: NOT_ALLOWED, extensions: { code: NOT_ALLOWED_CODE, requestId: error.extensions?.requestId } }
              : error,
          );
          response.http.status = 400;
        },
      };
    },
  };
}
