import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createConnection, type Connection } from 'mysql2/promise';
import { percentile, type LoadResult } from './load';

/** One request's SQL: each database's statements in the order the subgraph sent them. */
export type Script = Map<string, string[]>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records the statements the benchmark's subgraphs send (see record-sql.ts, preloaded into them
 * through `environment(name)`), a request at a time.
 */
export class SqlRecorder {
  private readonly files: Record<string, string> = {};
  private readonly pids: Record<string, number | undefined> = {};

  /** The variables a subgraph is started with so that it can record. */
  environment(name: string): NodeJS.ProcessEnv {
    this.files[name] = join(tmpdir(), `bench-sql-${process.pid}-${name}.jsonl`);
    writeFileSync(this.files[name], '');
    return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'record-sql.js')}`.trim(), SQL_RECORD_FILE: this.files[name] };
  }

  started(name: string, pid: number | undefined): void {
    this.pids[name] = pid;
  }

  /** Sends each of `samples` requests alone (`send`) and returns the statements each caused. */
  async record(send: () => Promise<void>, samples: number): Promise<Script[]> {
    await this.toggle(true);
    try {
      // Requests still finishing (a load run's last) write theirs now, before the first sample.
      await this.settled();
      const scripts: Script[] = [];
      for (let sample = 0; sample < samples; sample += 1) {
        const offsets = Object.fromEntries(Object.entries(this.files).map(([name, file]) => [name, statSync(file).size]));
        await send();
        await this.settled();
        const script: Script = new Map();
        for (const [name, file] of Object.entries(this.files)) {
          for (const line of readFileSync(file).subarray(offsets[name]).toString().split('\n').filter(Boolean)) {
            const { database, sql } = JSON.parse(line) as { database?: string; sql?: string };
            if (database && sql) script.set(database, [...(script.get(database) ?? []), sql]);
          }
        }
        scripts.push(script);
      }
      return scripts;
    } finally {
      await this.toggle(false);
    }
  }

  remove(): void {
    for (const file of Object.values(this.files)) if (existsSync(file)) unlinkSync(file);
  }

  /** Signals every subgraph and waits until each has written that it is (not) recording. */
  private async toggle(on: boolean): Promise<void> {
    const marker = JSON.stringify({ recording: on });
    const offsets = Object.values(this.files).map((file) => statSync(file).size);
    for (const name of Object.keys(this.files)) process.kill(this.pids[name]!, 'SIGUSR2');
    for (const [index, file] of Object.values(this.files).entries()) {
      while (!readFileSync(file).subarray(offsets[index]).toString().includes(marker)) await sleep(20);
    }
  }

  /** Waits until no subgraph has written a statement for 300 ms: the request's last lookups are in. */
  private async settled(): Promise<void> {
    const sizes = () => Object.values(this.files).map((file) => statSync(file).size).join();
    let last = sizes();
    for (;;) {
      await sleep(300);
      const now = sizes();
      if (now === last) return;
      last = now;
    }
  }
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
/** Ids, keys, reference codes, hashes and sealed values: runs of 8 or more letters, digits and `_+/=-` (times are punctuated; dates are left alone). */
const TOKEN = /[0-9A-Za-z_+/=-]{8,}/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is new in each write: the tokens (TOKEN) of a script that no other recorded script has
 * (the application's id, its idempotency key, its exhibitor's hashed phone…). Replaying a write
 * as recorded would break a unique index; each replay gets fresh ones instead. Values every sample
 * shares (the category, the event, table names) stay.
 */
function uniqueTokens(scripts: Script[]): Set<string>[] {
  const tokensOf = scripts.map((script) => new Set([...script.values()].flat().flatMap((sql) => sql.match(TOKEN) ?? [])));
  const seen = new Map<string, number>();
  for (const tokens of tokensOf) for (const token of tokens) seen.set(token, (seen.get(token) ?? 0) + 1);
  return tokensOf.map((tokens, index) => {
    const writes = [...scripts[index].values()].flat().some((sql) => WRITE.test(sql));
    return new Set(writes && scripts.length > 1 ? [...tokens].filter((token) => seen.get(token) === 1 && !DATE.test(token)) : []);
  });
}

const HEX = /^[0-9a-f-]+$/i;
const pick = (characters: string) => characters[randomInt(characters.length)];

/** A token of the same shape: hex stays hex (a UUID stays one), letters stay letters of the same case, digits digits. */
function freshToken(token: string): string {
  const hex = HEX.test(token);
  return token.replace(/[0-9a-zA-Z]/g, (character) => {
    if (/[0-9]/.test(character)) return hex ? pick('0123456789abcdef') : pick('0123456789');
    if (hex) return pick(character === character.toLowerCase() ? '0123456789abcdef' : '0123456789ABCDEF');
    return pick(character === character.toLowerCase() ? 'abcdefghijklmnopqrstuvwxyz' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });
}

/**
 * Rows of the database a request's writes alone may refer to (a report's team: a team reports its
 * month once), handed out one per replayed request: `recorded` says whether a value of a recorded
 * request is one of them, `next` gives the next one not yet used.
 */
export interface ReplayReferences {
  recorded: (token: string) => boolean;
  next: () => string;
}

/**
 * A replayable copy of the recorded scripts: `script(index)` is the index-th with fresh values for
 * what its writes alone hold (see uniqueTokens). A value that refers to a row (`references`) is
 * replaced by another real row rather than made up, so that the replay's foreign keys hold and its
 * locks fall on real rows, as the subgraph's did.
 */
export function replayable(scripts: Script[], references?: ReplayReferences): (index: number) => Script {
  const unique = uniqueTokens(scripts);
  return (index) => {
    if (unique[index].size === 0) return scripts[index];
    const fresh = new Map<string, string>();
    const rewrite = (sql: string) =>
      sql.replace(TOKEN, (token) => {
        if (!unique[index].has(token)) return token;
        if (!fresh.has(token)) fresh.set(token, references?.recorded(token) ? references.next() : freshToken(token));
        return fresh.get(token)!;
      });
    return new Map([...scripts[index].entries()].map(([database, statements]) => [database, statements.map(rewrite)]));
  };
}

/** Statements per request, over the recorded scripts. */
export const statementsPerScript = (scripts: Script[]) => scripts.reduce((sum, script) => sum + [...script.values()].flat().length, 0) / Math.max(1, scripts.length);

/**
 * The "database alone" figure: the recorded scripts replayed straight against MariaDB with mysql2,
 * round and round, at `connections` concurrent clients for `durationSeconds`. A client runs a
 * script's statements for each database one after another on its own connection (as the subgraph
 * did), the databases of one script at once (as the gateway's fetches of a plan step are); no
 * HTTP, no GraphQL, no ORM. `serverUrl` is the server's `mysql://…` address; the database names
 * come from the recording.
 */
export async function replay(
  scripts: Script[],
  serverUrl: string,
  { connections, durationSeconds, references }: { connections: number; durationSeconds: number; references?: ReplayReferences },
): Promise<LoadResult> {
  if (scripts.length === 0) throw new Error('Nothing recorded to replay');
  const script = replayable(scripts, references);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  const connect = (database: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return createConnection({ uri: url.toString(), charset: 'utf8mb4_unicode_ci' }).then(async (connection) => {
      // As the subgraphs' connections are (Database's readCommittedSessions): the recording has no statement saying so.
      await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      return connection;
    });
  };

  const client = async () => {
    const open = new Map<string, Connection>();
    try {
      while (performance.now() < deadline) {
        const statementsOf = script(next++ % scripts.length);
        const started = performance.now();
        const failures = await Promise.all(
          [...statementsOf.entries()].map(async ([database, statements]) => {
            if (!open.has(database)) open.set(database, await connect(database));
            const connection = open.get(database)!;
            try {
              for (const sql of statements) await connection.query(sql);
              return null;
            } catch (error) {
              await connection.query('ROLLBACK');
              return error instanceof Error ? error.message : String(error);
            }
          }),
        );
        const failure = failures.find((problem) => problem !== null);
        if (failure) {
          errors += 1;
          firstError ??= failure;
        } else if (performance.now() < deadline) {
          latencies.push(performance.now() - started);
        }
      }
    } finally {
      await Promise.all([...open.values()].map((connection) => connection.end()));
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / durationSeconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors,
    firstError,
  };
}
