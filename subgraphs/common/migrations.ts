import type { QueryRunner } from 'typeorm';

/** A generated migration's statements for each database (see `npm run migration:generate`). */
export interface DialectStatements {
  sqlite: { up: string[]; down: string[] };
  mysql: { up: string[]; down: string[] };
}

export async function runStatements(queryRunner: QueryRunner, statements: DialectStatements, direction: 'up' | 'down') {
  const dialect = queryRunner.connection.options.type === 'better-sqlite3' ? statements.sqlite : statements.mysql;
  for (const sql of dialect[direction]) await queryRunner.query(sql);
}
