import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, type DialectStatements } from '../../common/migrations';

/**
 * A handled request about a person's data may lose its person's key (the retention job, after
 * RETENTION_HANDLED_REQUEST_MONTHS): `subjectKey` becomes nullable. Statements as
 * `npm run migration:generate -- teams UnlinkedRequests` writes them. Undone, a request already
 * unlinked cannot take its key back: undo before the job has unlinked any.
 */
export class UnlinkedRequests1796280000000 implements MigrationInterface {
  name = 'UnlinkedRequests1796280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'up');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'down');
  }
}

const STATEMENTS: DialectStatements = {
  "sqlite": {
    "up": [
      "DROP INDEX \"IDX_personal_data_request_subject\"",
      "DROP INDEX \"IDX_personal_data_request_queue\"",
      "CREATE TABLE \"temporary_personal_data_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('RECEIVED'), \"subjectKey\" varchar(64), \"unitPath\" varchar(255) NOT NULL, \"unitCode\" varchar(20) NOT NULL, \"details\" varchar(1000), \"receivedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"dueAt\" datetime NOT NULL, \"handledBy\" varchar(100), \"handledAt\" datetime, \"outcomeReason\" varchar(500), \"correctedFullName\" varchar(589), \"correctedAddress\" varchar(1417))",
      "INSERT INTO \"temporary_personal_data_request\"(\"id\", \"kind\", \"status\", \"subjectKey\", \"unitPath\", \"unitCode\", \"details\", \"receivedAt\", \"dueAt\", \"handledBy\", \"handledAt\", \"outcomeReason\", \"correctedFullName\", \"correctedAddress\") SELECT \"id\", \"kind\", \"status\", \"subjectKey\", \"unitPath\", \"unitCode\", \"details\", \"receivedAt\", \"dueAt\", \"handledBy\", \"handledAt\", \"outcomeReason\", \"correctedFullName\", \"correctedAddress\" FROM \"personal_data_request\"",
      "DROP TABLE \"personal_data_request\"",
      "ALTER TABLE \"temporary_personal_data_request\" RENAME TO \"personal_data_request\"",
      "CREATE INDEX \"IDX_personal_data_request_subject\" ON \"personal_data_request\" (\"subjectKey\") ",
      "CREATE INDEX \"IDX_personal_data_request_queue\" ON \"personal_data_request\" (\"status\", \"dueAt\") "
    ],
    "down": [
      "DROP INDEX \"IDX_personal_data_request_queue\"",
      "DROP INDEX \"IDX_personal_data_request_subject\"",
      "ALTER TABLE \"personal_data_request\" RENAME TO \"temporary_personal_data_request\"",
      "CREATE TABLE \"personal_data_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('RECEIVED'), \"subjectKey\" varchar(64) NOT NULL, \"unitPath\" varchar(255) NOT NULL, \"unitCode\" varchar(20) NOT NULL, \"details\" varchar(1000), \"receivedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"dueAt\" datetime NOT NULL, \"handledBy\" varchar(100), \"handledAt\" datetime, \"outcomeReason\" varchar(500), \"correctedFullName\" varchar(589), \"correctedAddress\" varchar(1417))",
      "INSERT INTO \"personal_data_request\"(\"id\", \"kind\", \"status\", \"subjectKey\", \"unitPath\", \"unitCode\", \"details\", \"receivedAt\", \"dueAt\", \"handledBy\", \"handledAt\", \"outcomeReason\", \"correctedFullName\", \"correctedAddress\") SELECT \"id\", \"kind\", \"status\", \"subjectKey\", \"unitPath\", \"unitCode\", \"details\", \"receivedAt\", \"dueAt\", \"handledBy\", \"handledAt\", \"outcomeReason\", \"correctedFullName\", \"correctedAddress\" FROM \"temporary_personal_data_request\"",
      "DROP TABLE \"temporary_personal_data_request\"",
      "CREATE INDEX \"IDX_personal_data_request_queue\" ON \"personal_data_request\" (\"status\", \"dueAt\") ",
      "CREATE INDEX \"IDX_personal_data_request_subject\" ON \"personal_data_request\" (\"subjectKey\") "
    ]
  },
  "mysql": {
    "up": [
      "ALTER TABLE `personal_data_request` CHANGE `subjectKey` `subjectKey` varchar(64) NULL"
    ],
    "down": [
      "ALTER TABLE `personal_data_request` CHANGE `subjectKey` `subjectKey` varchar(64) NOT NULL"
    ]
  }
};
