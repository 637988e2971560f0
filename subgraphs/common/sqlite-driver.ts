import type BetterSqlite from 'better-sqlite3';

/**
 * better-sqlite3 for the Node that runs us, handed to TypeORM as its `driver`. No one major
 * version runs on every Node we support: 12 aborts on Node 24 when a statement is collected after
 * its environment is gone (WiseLibs/better-sqlite3#1515), and 13 (Node-API, prebuilt in its npm
 * package) needs Node 22 and crashes on Node 20. So 13 (the `better-sqlite3-13` alias) from Node
 * 22 on, 12 on Node 20; drop 12 when our machines leave Node 20 (docs/operations.md).
 */
export function sqliteDriver(): typeof BetterSqlite {
  const major = Number(process.versions.node.split('.')[0]);
  return require(major >= 22 ? 'better-sqlite3-13' : 'better-sqlite3') as typeof BetterSqlite;
}
