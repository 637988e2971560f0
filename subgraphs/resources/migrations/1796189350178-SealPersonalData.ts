import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, sealRows, type DialectStatements, type SealedTable } from '../../common/migrations';
/**
 * Seals sponsors' contacts' and volunteers' phones (AES-256-GCM, see personal-data.ts).
 * Schema from `npm run migration:generate -- resources SealPersonalData`; on MySQL/MariaDB the columns
 * are widened in place (MODIFY) where the generator would drop and re-add them.
 */
export class SealPersonalData1796189350178 implements MigrationInterface {
  name = 'SealPersonalData1796189350178';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'up');
    for (const table of TABLES) await sealRows(queryRunner, table, 'seal');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await sealRows(queryRunner, table, 'open');
    await runStatements(queryRunner, STATEMENTS, 'down');
  }
}

const TABLES: SealedTable[] = [
  { table: 'sponsor_contact', sealed: ['phone'] },
  { table: 'volunteer', sealed: ['phone'] },
];

const STATEMENTS: DialectStatements = {
  "sqlite": {
    "up": [
      "DROP INDEX \"IDX_sponsor_contact_sponsor\"",
      "CREATE TABLE \"temporary_sponsor_contact\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"sponsorId\" varchar(36) NOT NULL, \"fullName\" varchar(120) NOT NULL, \"position\" varchar(120), \"phone\" varchar(137), \"email\" varchar(200), CONSTRAINT \"FK_sponsor_contact_sponsor\" FOREIGN KEY (\"sponsorId\") REFERENCES \"sponsor\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_sponsor_contact\"(\"id\", \"sponsorId\", \"fullName\", \"position\", \"phone\", \"email\") SELECT \"id\", \"sponsorId\", \"fullName\", \"position\", \"phone\", \"email\" FROM \"sponsor_contact\"",
      "DROP TABLE \"sponsor_contact\"",
      "ALTER TABLE \"temporary_sponsor_contact\" RENAME TO \"sponsor_contact\"",
      "CREATE INDEX \"IDX_sponsor_contact_sponsor\" ON \"sponsor_contact\" (\"sponsorId\") ",
      "DROP INDEX \"IDX_volunteer_unit_path\"",
      "CREATE TABLE \"temporary_volunteer\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"unitCode\" varchar(20) NOT NULL, \"unitPath\" varchar(255) NOT NULL, \"fullName\" varchar(120) NOT NULL, \"phone\" varchar(137), \"memberId\" varchar(36), \"skills\" varchar(500) NOT NULL)",
      "INSERT INTO \"temporary_volunteer\"(\"id\", \"unitCode\", \"unitPath\", \"fullName\", \"phone\", \"memberId\", \"skills\") SELECT \"id\", \"unitCode\", \"unitPath\", \"fullName\", \"phone\", \"memberId\", \"skills\" FROM \"volunteer\"",
      "DROP TABLE \"volunteer\"",
      "ALTER TABLE \"temporary_volunteer\" RENAME TO \"volunteer\"",
      "CREATE INDEX \"IDX_volunteer_unit_path\" ON \"volunteer\" (\"unitPath\") "
    ],
    "down": [
      "DROP INDEX \"IDX_volunteer_unit_path\"",
      "ALTER TABLE \"volunteer\" RENAME TO \"temporary_volunteer\"",
      "CREATE TABLE \"volunteer\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"unitCode\" varchar(20) NOT NULL, \"unitPath\" varchar(255) NOT NULL, \"fullName\" varchar(120) NOT NULL, \"phone\" varchar(15), \"memberId\" varchar(36), \"skills\" varchar(500) NOT NULL)",
      "INSERT INTO \"volunteer\"(\"id\", \"unitCode\", \"unitPath\", \"fullName\", \"phone\", \"memberId\", \"skills\") SELECT \"id\", \"unitCode\", \"unitPath\", \"fullName\", \"phone\", \"memberId\", \"skills\" FROM \"temporary_volunteer\"",
      "DROP TABLE \"temporary_volunteer\"",
      "CREATE INDEX \"IDX_volunteer_unit_path\" ON \"volunteer\" (\"unitPath\") ",
      "DROP INDEX \"IDX_sponsor_contact_sponsor\"",
      "ALTER TABLE \"sponsor_contact\" RENAME TO \"temporary_sponsor_contact\"",
      "CREATE TABLE \"sponsor_contact\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"sponsorId\" varchar(36) NOT NULL, \"fullName\" varchar(120) NOT NULL, \"position\" varchar(120), \"phone\" varchar(15), \"email\" varchar(200), CONSTRAINT \"FK_sponsor_contact_sponsor\" FOREIGN KEY (\"sponsorId\") REFERENCES \"sponsor\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
      "INSERT INTO \"sponsor_contact\"(\"id\", \"sponsorId\", \"fullName\", \"position\", \"phone\", \"email\") SELECT \"id\", \"sponsorId\", \"fullName\", \"position\", \"phone\", \"email\" FROM \"temporary_sponsor_contact\"",
      "DROP TABLE \"temporary_sponsor_contact\"",
      "CREATE INDEX \"IDX_sponsor_contact_sponsor\" ON \"sponsor_contact\" (\"sponsorId\") "
    ]
  },
  "mysql": {
    "up": [
      "ALTER TABLE `sponsor_contact` MODIFY `phone` varchar(137) NULL",
      "ALTER TABLE `volunteer` MODIFY `phone` varchar(137) NULL"
    ],
    "down": [
      "ALTER TABLE `volunteer` MODIFY `phone` varchar(15) NULL",
      "ALTER TABLE `sponsor_contact` MODIFY `phone` varchar(15) NULL"
    ]
  }
};
