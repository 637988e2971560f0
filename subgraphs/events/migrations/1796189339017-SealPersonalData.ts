import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, sealRows, type DialectStatements, type SealedTable } from '../../common/migrations';
import { keyRing } from '../../common/personal-data';

/**
 * Seals stall applicants' phones (AES-256-GCM, see personal-data.ts) and keys their hashes: a look-up by
 * phone and reference code compares them, and a household's "once per category" key becomes `phone:<hash>`.
 * Schema from `npm run migration:generate -- events SealPersonalData`; on MySQL/MariaDB the columns
 * are widened in place (MODIFY) where the generator would drop and re-add them.
 */
export class SealPersonalData1796189339017 implements MigrationInterface {
  name = 'SealPersonalData1796189339017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'up');
    for (const table of TABLES) await sealRows(queryRunner, table, 'seal');
    await rekeyPhoneExhibitors(queryRunner, 'seal');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rekeyPhoneExhibitors(queryRunner, 'open');
    for (const table of TABLES) await sealRows(queryRunner, table, 'open');
    await runStatements(queryRunner, STATEMENTS, 'down');
  }
}

const TABLES: SealedTable[] = [{ table: 'stall_application', sealed: ['contactPhone'], phoneHashes: { contactPhoneHash: 'contactPhone' } }];

/** Households' and businesses' "once per category" keys: `phone:0912…` becomes `phone:<keyed hash>`, and back. */
async function rekeyPhoneExhibitors(queryRunner: QueryRunner, direction: 'seal' | 'open'): Promise<void> {
  const rows: { id: string; exhibitorKey: string; contactPhone: string }[] = await queryRunner.query(
    "SELECT id, exhibitorKey, contactPhone FROM stall_application WHERE exhibitorKey LIKE 'phone:%'",
  );
  for (const { id, exhibitorKey, contactPhone } of rows) {
    const key = direction === 'seal' ? `phone:${keyRing().phoneHash(exhibitorKey.slice('phone:'.length))}` : `phone:${keyRing().open(contactPhone).replace(/^\+84/, '0')}`;
    await queryRunner.query('UPDATE stall_application SET exhibitorKey = ? WHERE id = ?', [key, id]);
  }
}

const STATEMENTS: DialectStatements = {
  "sqlite": {
    "up": [
      "DROP INDEX \"UQ_stall_application_reference\"",
      "DROP INDEX \"IDX_stall_application_event\"",
      "DROP INDEX \"IDX_stall_application_partner\"",
      "DROP INDEX \"IDX_stall_application_queue\"",
      "DROP INDEX \"UQ_stall_application_stall\"",
      "DROP INDEX \"UQ_stall_application_exhibitor\"",
      "CREATE TABLE \"temporary_stall_application\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"eventId\" varchar(36) NOT NULL, \"categoryId\" varchar(36) NOT NULL, \"exhibitorKind\" varchar(12) NOT NULL, \"partnerId\" varchar(36), \"exhibitorName\" varchar(200) NOT NULL, \"exhibitorKey\" varchar(60) NOT NULL, \"contactName\" varchar(120) NOT NULL, \"contactPhone\" varchar(15) NOT NULL, \"offering\" varchar(500) NOT NULL, \"status\" varchar(12) NOT NULL, \"stallId\" varchar(36), \"appliedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"decidedAt\" datetime, \"referenceCode\" varchar(12), \"failedLookups\" integer NOT NULL DEFAULT (0), \"contactPhoneHash\" varchar(64), CONSTRAINT \"FK_stall_application_category\" FOREIGN KEY (\"categoryId\") REFERENCES \"stall_category\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_stall_application_stall\" FOREIGN KEY (\"stallId\") REFERENCES \"stall\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_stall_application\"(\"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\") SELECT \"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\" FROM \"stall_application\"",
      "DROP TABLE \"stall_application\"",
      "ALTER TABLE \"temporary_stall_application\" RENAME TO \"stall_application\"",
      "CREATE UNIQUE INDEX \"UQ_stall_application_reference\" ON \"stall_application\" (\"referenceCode\") ",
      "CREATE INDEX \"IDX_stall_application_event\" ON \"stall_application\" (\"eventId\") ",
      "CREATE INDEX \"IDX_stall_application_partner\" ON \"stall_application\" (\"partnerId\") ",
      "CREATE INDEX \"IDX_stall_application_queue\" ON \"stall_application\" (\"categoryId\", \"status\", \"appliedAt\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_stall\" ON \"stall_application\" (\"stallId\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_exhibitor\" ON \"stall_application\" (\"categoryId\", \"exhibitorKey\") ",
      "DROP INDEX \"UQ_stall_application_exhibitor\"",
      "DROP INDEX \"UQ_stall_application_reference\"",
      "DROP INDEX \"IDX_stall_application_event\"",
      "DROP INDEX \"IDX_stall_application_partner\"",
      "DROP INDEX \"IDX_stall_application_queue\"",
      "DROP INDEX \"UQ_stall_application_stall\"",
      "CREATE TABLE \"temporary_stall_application\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"eventId\" varchar(36) NOT NULL, \"categoryId\" varchar(36) NOT NULL, \"exhibitorKind\" varchar(12) NOT NULL, \"partnerId\" varchar(36), \"exhibitorName\" varchar(200) NOT NULL, \"exhibitorKey\" varchar(70) NOT NULL, \"contactName\" varchar(120) NOT NULL, \"contactPhone\" varchar(137) NOT NULL, \"offering\" varchar(500) NOT NULL, \"status\" varchar(12) NOT NULL, \"stallId\" varchar(36), \"appliedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"decidedAt\" datetime, \"referenceCode\" varchar(12), \"failedLookups\" integer NOT NULL DEFAULT (0), \"contactPhoneHash\" varchar(64), CONSTRAINT \"FK_stall_application_category\" FOREIGN KEY (\"categoryId\") REFERENCES \"stall_category\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_stall_application_stall\" FOREIGN KEY (\"stallId\") REFERENCES \"stall\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_stall_application\"(\"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\", \"contactPhoneHash\") SELECT \"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\", \"contactPhoneHash\" FROM \"stall_application\"",
      "DROP TABLE \"stall_application\"",
      "ALTER TABLE \"temporary_stall_application\" RENAME TO \"stall_application\"",
      "CREATE UNIQUE INDEX \"UQ_stall_application_reference\" ON \"stall_application\" (\"referenceCode\") ",
      "CREATE INDEX \"IDX_stall_application_event\" ON \"stall_application\" (\"eventId\") ",
      "CREATE INDEX \"IDX_stall_application_partner\" ON \"stall_application\" (\"partnerId\") ",
      "CREATE INDEX \"IDX_stall_application_queue\" ON \"stall_application\" (\"categoryId\", \"status\", \"appliedAt\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_stall\" ON \"stall_application\" (\"stallId\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_exhibitor\" ON \"stall_application\" (\"categoryId\", \"exhibitorKey\") "
    ],
    "down": [
      "DROP INDEX \"UQ_stall_application_exhibitor\"",
      "DROP INDEX \"UQ_stall_application_stall\"",
      "DROP INDEX \"IDX_stall_application_queue\"",
      "DROP INDEX \"IDX_stall_application_partner\"",
      "DROP INDEX \"IDX_stall_application_event\"",
      "DROP INDEX \"UQ_stall_application_reference\"",
      "ALTER TABLE \"stall_application\" RENAME TO \"temporary_stall_application\"",
      "CREATE TABLE \"stall_application\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"eventId\" varchar(36) NOT NULL, \"categoryId\" varchar(36) NOT NULL, \"exhibitorKind\" varchar(12) NOT NULL, \"partnerId\" varchar(36), \"exhibitorName\" varchar(200) NOT NULL, \"exhibitorKey\" varchar(60) NOT NULL, \"contactName\" varchar(120) NOT NULL, \"contactPhone\" varchar(15) NOT NULL, \"offering\" varchar(500) NOT NULL, \"status\" varchar(12) NOT NULL, \"stallId\" varchar(36), \"appliedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"decidedAt\" datetime, \"referenceCode\" varchar(12), \"failedLookups\" integer NOT NULL DEFAULT (0), \"contactPhoneHash\" varchar(64), CONSTRAINT \"FK_stall_application_category\" FOREIGN KEY (\"categoryId\") REFERENCES \"stall_category\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_stall_application_stall\" FOREIGN KEY (\"stallId\") REFERENCES \"stall\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)",
      "INSERT INTO \"stall_application\"(\"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\", \"contactPhoneHash\") SELECT \"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\", \"contactPhoneHash\" FROM \"temporary_stall_application\"",
      "DROP TABLE \"temporary_stall_application\"",
      "CREATE UNIQUE INDEX \"UQ_stall_application_stall\" ON \"stall_application\" (\"stallId\") ",
      "CREATE INDEX \"IDX_stall_application_queue\" ON \"stall_application\" (\"categoryId\", \"status\", \"appliedAt\") ",
      "CREATE INDEX \"IDX_stall_application_partner\" ON \"stall_application\" (\"partnerId\") ",
      "CREATE INDEX \"IDX_stall_application_event\" ON \"stall_application\" (\"eventId\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_reference\" ON \"stall_application\" (\"referenceCode\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_exhibitor\" ON \"stall_application\" (\"categoryId\", \"exhibitorKey\") ",
      "DROP INDEX \"UQ_stall_application_exhibitor\"",
      "DROP INDEX \"UQ_stall_application_stall\"",
      "DROP INDEX \"IDX_stall_application_queue\"",
      "DROP INDEX \"IDX_stall_application_partner\"",
      "DROP INDEX \"IDX_stall_application_event\"",
      "DROP INDEX \"UQ_stall_application_reference\"",
      "ALTER TABLE \"stall_application\" RENAME TO \"temporary_stall_application\"",
      "CREATE TABLE \"stall_application\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"eventId\" varchar(36) NOT NULL, \"categoryId\" varchar(36) NOT NULL, \"exhibitorKind\" varchar(12) NOT NULL, \"partnerId\" varchar(36), \"exhibitorName\" varchar(200) NOT NULL, \"exhibitorKey\" varchar(60) NOT NULL, \"contactName\" varchar(120) NOT NULL, \"contactPhone\" varchar(15) NOT NULL, \"offering\" varchar(500) NOT NULL, \"status\" varchar(12) NOT NULL, \"stallId\" varchar(36), \"appliedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"decidedAt\" datetime, \"referenceCode\" varchar(12), \"failedLookups\" integer NOT NULL DEFAULT (0), CONSTRAINT \"FK_stall_application_category\" FOREIGN KEY (\"categoryId\") REFERENCES \"stall_category\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_stall_application_stall\" FOREIGN KEY (\"stallId\") REFERENCES \"stall\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)",
      "INSERT INTO \"stall_application\"(\"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\") SELECT \"id\", \"eventId\", \"categoryId\", \"exhibitorKind\", \"partnerId\", \"exhibitorName\", \"exhibitorKey\", \"contactName\", \"contactPhone\", \"offering\", \"status\", \"stallId\", \"appliedAt\", \"decidedAt\", \"referenceCode\", \"failedLookups\" FROM \"temporary_stall_application\"",
      "DROP TABLE \"temporary_stall_application\"",
      "CREATE UNIQUE INDEX \"UQ_stall_application_exhibitor\" ON \"stall_application\" (\"categoryId\", \"exhibitorKey\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_stall\" ON \"stall_application\" (\"stallId\") ",
      "CREATE INDEX \"IDX_stall_application_queue\" ON \"stall_application\" (\"categoryId\", \"status\", \"appliedAt\") ",
      "CREATE INDEX \"IDX_stall_application_partner\" ON \"stall_application\" (\"partnerId\") ",
      "CREATE INDEX \"IDX_stall_application_event\" ON \"stall_application\" (\"eventId\") ",
      "CREATE UNIQUE INDEX \"UQ_stall_application_reference\" ON \"stall_application\" (\"referenceCode\") "
    ]
  },
  "mysql": {
    "up": [
      "ALTER TABLE `stall_application` ADD `contactPhoneHash` varchar(64) NULL",
      "ALTER TABLE `stall_application` MODIFY `exhibitorKey` varchar(70) NOT NULL",
      "ALTER TABLE `stall_application` MODIFY `contactPhone` varchar(137) NOT NULL"
    ],
    "down": [
      "ALTER TABLE `stall_application` MODIFY `contactPhone` varchar(15) NOT NULL",
      "ALTER TABLE `stall_application` MODIFY `exhibitorKey` varchar(60) NOT NULL",
      "ALTER TABLE `stall_application` DROP COLUMN `contactPhoneHash`"
    ]
  }
};
