import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import { AuditEntry, personalDataIn } from '../audit';
import { signToken, type HubClaims } from '../auth';
import type { Context } from '../context';
import { Database } from '../database';
import { createSubgraph, type SubgraphDefinition } from '../server';
import type { UnitDirectory } from '../unit-directory';
import type { PeersFor } from '../peers';
import type { WorkingRelationsFor } from '../working-relations';
import { freshTestDatabaseUrl } from './database';
import { StaticUnitDirectory } from './unit-directory';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** Personal data keys for production-like subgraphs in tests (production refuses the development ones). */
export const TEST_PERSONAL_DATA_ENV = {
  PERSONAL_DATA_KEYS: `test:${Buffer.alloc(32, 't').toString('base64')}`,
  PERSONAL_DATA_HASH_KEY: Buffer.alloc(32, 'h').toString('base64'),
};

export interface OperationResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  /** Who calls: claims to sign a token for, a raw Authorization header, or nobody. */
  as?: HubClaims;
  authorization?: string;
}

/** A row of MariaDB's EXPLAIN: how one table of a statement is read. */
export interface PlanStep {
  table: string;
  type: string;
  key: string | null;
  rows: number;
  Extra: string | null;
}

export interface TestSubgraph {
  db: Database;
  /** The subgraph's schema, as served. */
  schema: GraphQLSchema;
  /** Runs an operation through the real schema, context, token check and loaders. */
  execute<TData = Record<string, any>>(query: string, options?: RequestOptions): Promise<OperationResult<TData>>;
  /** How many SQL statements `work` ran. */
  countQueries(work: () => Promise<unknown>): Promise<number>;
  /** The SQL statements `work` ran, in order. */
  statementsOf(work: () => Promise<unknown>): Promise<string[]>;
  /** MariaDB only: the plans (EXPLAIN, one row per table read) of the SELECT statements `work` ran whose text matches `pattern`. */
  explainQueries(work: () => Promise<unknown>, pattern: RegExp): Promise<PlanStep[][]>;
  close(): Promise<void>;
}

/** The statements `work` runs on `db`, in order, with their parameters. */
async function loggedStatements(db: Database, work: () => Promise<unknown>): Promise<[string, unknown[] | undefined][]> {
  const statements: [string, unknown[] | undefined][] = [];
  const count = db.queries.logQuery;
  // The counter sees every statement TypeORM runs, with its parameters: listen in for the duration of `work`.
  db.queries.logQuery = (...logged: unknown[]) => {
    statements.push(logged as [string, unknown[] | undefined]);
    count.call(db.queries);
  };
  try {
    await work();
  } finally {
    db.queries.logQuery = count;
  }
  return statements;
}

/** MariaDB's plans (EXPLAIN) of the SELECTs matching `pattern` that `work` runs on `db`. */
export async function explainQueries(db: Database, work: () => Promise<unknown>, pattern: RegExp): Promise<PlanStep[][]> {
  if (!db.isMysql) throw new Error('explainQueries reads MariaDB’s plans: run it against TEST_DATABASE_URL');
  const statements = await loggedStatements(db, work);
  const selects = statements.filter(([sql]) => /^\s*SELECT/i.test(sql) && pattern.test(sql));
  return Promise.all(selects.map(([sql, parameters]) => db.manager.query(`EXPLAIN ${sql}`, parameters) as Promise<PlanStep[]>));
}

/**
 * A subgraph on a fresh, migrated test database (see freshTestDatabaseUrl), for one test file.
 * `units` places units and teams in the tree, as the teams subgraph would; `relations` says which
 * teams partners and organisers work with, as the partners and events subgraphs would; `peers`
 * answers its questions to the other subgraphs (see testing/peers.ts: other test subgraphs).
 */
export async function createTestSubgraph(
  definition: SubgraphDefinition,
  units: UnitDirectory = new StaticUnitDirectory(),
  relations?: WorkingRelationsFor,
  peers?: PeersFor,
): Promise<TestSubgraph> {
  const db = await Database.open({
    url: await freshTestDatabaseUrl(definition.name),
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await db.migrate();
  const { apollo, schema, contextFor } = await createSubgraph(definition, db, { secret: TEST_JWT_SECRET }, units, { relations, peers });
  await apollo.start();

  return {
    db,
    schema,
    async execute<TData>(query: string, { variables, as, authorization }: RequestOptions = {}) {
      const header = as ? `Bearer ${await signToken(as, TEST_JWT_SECRET)}` : authorization;
      let contextValue: Context;
      try {
        contextValue = await contextFor({ authorization: header });
      } catch (error) {
        if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
        throw error;
      }
      const response = await apollo.executeOperation<TData>({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('Expected a single result');
      return response.body.singleResult as OperationResult<TData>;
    },
    async countQueries(work) {
      const before = db.queries.count;
      await work();
      return db.queries.count - before;
    },
    statementsOf: async (work) => (await loggedStatements(db, work)).map(([sql]) => sql),
    explainQueries: (work, pattern) => explainQueries(db, work, pattern),
    async close() {
      // Every suite's mutations are a check of the audit trail: no entry they wrote may keep personal data.
      const leaks = personalDataIn(await db.manager.find(AuditEntry));
      await apollo.stop();
      await db.close();
      if (leaks.length > 0) throw new Error(`The audit trail keeps personal data:\n${leaks.join('\n')}`);
    },
  };
}

/** The codes of a result's errors, for compact assertions. */
export function errorCodes(result: OperationResult<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
