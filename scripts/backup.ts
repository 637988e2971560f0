import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createConnection } from 'mysql2/promise';
import { isMysqlUrl } from '../subgraphs/common/database';
import { logger, nameService } from '../subgraphs/common/logging';
import { sqliteDriver } from '../subgraphs/common/sqlite-driver';
import { subgraphDatabaseUrls } from './databases';

/**
 * `npm run backup -- <directory> [subgraph…]` and `npm run restore -- <directory> [subgraph…]`:
 * every subgraph's database (as `npm run migrate` finds them) into one directory, and back into
 * fresh databases. MySQL and MariaDB through their own dump and client tools (mariadb-dump or
 * mysqldump, one consistent snapshot per database without locking writers); SQLite files through
 * SQLite's online backup API (better-sqlite3), safe while the subgraph runs.
 */
const MANIFEST = 'backup.json';

interface BackupManifest {
  createdAt: string;
  /** Subgraph → its file in the directory and the kind of database it came from. */
  databases: Record<string, { file: string; kind: 'mysql' | 'sqlite' }>;
}

/** The first of these tools on the PATH (MariaDB's names first, then MySQL's). */
function tool(names: string[]): string {
  const found = names.find((name) => (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, name))));
  if (!found) throw new Error(`Needs ${names.join(' or ')} on the PATH (Debian: apt-get install mariadb-client)`);
  return found;
}

/** Connection arguments for the command-line tools; the password goes through the environment, never the command line. */
function mysqlArguments(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Database name "${database}" must be letters, digits and _`);
  return {
    args: [`--host=${parsed.hostname}`, `--port=${parsed.port || '3306'}`, `--user=${decodeURIComponent(parsed.username)}`, '--default-character-set=utf8mb4'],
    env: { ...process.env, MYSQL_PWD: decodeURIComponent(parsed.password) },
    database,
  };
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdio: { input?: string; output?: string }): Promise<void> {
  const child = spawn(command, args, { env, stdio: [stdio.input ? 'pipe' : 'ignore', stdio.output ? 'pipe' : 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  if (stdio.input) createReadStream(stdio.input).pipe(child.stdin!);
  const written = stdio.output ? once(child.stdout!.pipe(createWriteStream(stdio.output)), 'finish') : Promise.resolve();
  const [code] = (await once(child, 'close')) as [number];
  await written;
  if (code !== 0) throw new Error(`${command} failed (${code}): ${errors.trim()}`);
}

async function dumpMysql(url: string, file: string): Promise<void> {
  const { args, env, database } = mysqlArguments(url);
  // One snapshot per database (InnoDB), rows streamed; no CREATE DATABASE, so it restores under any name.
  await run(tool(['mariadb-dump', 'mysqldump']), [...args, '--single-transaction', '--quick', '--hex-blob', '--no-tablespaces', '--routines', '--triggers', database], env, { output: file });
}

async function restoreMysql(file: string, url: string): Promise<void> {
  const { args, env, database } = mysqlArguments(url);
  const server = new URL(url);
  server.pathname = '/';
  const connection = await createConnection(server.toString());
  try {
    const [tables] = await connection.query('SELECT COUNT(*) AS count FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [database]);
    if (Number((tables as { count: number }[])[0].count) > 0) throw new Error(`${database} already has tables: restore into a new, empty database`);
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  await run(tool(['mariadb', 'mysql']), [...args, database], env, { input: file });
}

/** SQLite's online backup: a consistent copy page by page, while the subgraph may keep writing. */
async function copySqlite(from: string, to: string): Promise<void> {
  const Sqlite = sqliteDriver();
  const source = new Sqlite(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

/** Backs up each subgraph's database (name → URL or SQLite file) into `directory`, with a manifest. */
export async function backupDatabases(databases: Record<string, string>, directory: string): Promise<BackupManifest> {
  mkdirSync(directory, { recursive: true });
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), databases: {} };
  for (const [name, url] of Object.entries(databases)) {
    const kind = isMysqlUrl(url) ? 'mysql' : 'sqlite';
    const file = `${name}.${kind === 'mysql' ? 'sql' : 'sqlite'}`;
    if (kind === 'mysql') await dumpMysql(url, join(directory, file));
    else await copySqlite(url, join(directory, file));
    manifest.databases[name] = { file, kind };
    logger.info({ subgraph: name, file }, 'backed up');
  }
  writeFileSync(join(directory, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Restores the backup in `directory` into new, empty databases (name → URL or SQLite file); never over existing data. */
export async function restoreDatabases(directory: string, databases: Record<string, string>): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(directory, MANIFEST), 'utf8')) as BackupManifest;
  for (const [name, url] of Object.entries(databases)) {
    const backup = manifest.databases[name];
    if (!backup) throw new Error(`The backup in ${directory} has no ${name} database`);
    const kind = isMysqlUrl(url) ? 'mysql' : 'sqlite';
    if (kind !== backup.kind) throw new Error(`${name}: a ${backup.kind} backup restores into ${backup.kind} only, not ${kind}`);
    if (kind === 'mysql') {
      await restoreMysql(join(directory, backup.file), url);
    } else {
      if (existsSync(url)) throw new Error(`${url} already exists: restore into a new file`);
      await copySqlite(join(directory, backup.file), url);
    }
    logger.info({ subgraph: name }, 'restored');
  }
}

async function main([command, directory, ...names]: string[]): Promise<void> {
  nameService(command);
  if (!['backup', 'restore'].includes(command) || !directory) throw new Error('Usage: backup.js backup|restore <directory> [subgraph…]');
  const databases = subgraphDatabaseUrls(names);
  if (command === 'backup') await backupDatabases(databases, directory);
  else await restoreDatabases(directory, databases);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    logger.fatal({ err: error }, 'failed');
    process.exitCode = 1;
  });
}
