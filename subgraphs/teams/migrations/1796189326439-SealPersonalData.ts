import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, sealRows, type DialectStatements, type SealedTable } from '../../common/migrations';
/**
 * Seals members' and join applicants' phones and addresses (AES-256-GCM, see personal-data.ts) and keys
 * their phones' hashes, which persons are now found by (the index on the plain phone goes).
 * Schema from `npm run migration:generate -- teams SealPersonalData`; on MySQL/MariaDB the columns
 * are widened in place (MODIFY) where the generator would drop and re-add them.
 */
export class SealPersonalData1796189326439 implements MigrationInterface {
  name = 'SealPersonalData1796189326439';

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
  { table: 'person', sealed: ['phone', 'address'], phoneHashes: { phoneHash: 'phone' } },
  { table: 'membership_request', sealed: ['applicantPhone', 'applicantAddress'], phoneHashes: { applicantPhoneHash: 'applicantPhone' } },
];

const STATEMENTS: DialectStatements = {
  "sqlite": {
    "up": [
      "DROP INDEX \"IDX_person_phone\"",
      "CREATE TABLE \"temporary_person\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(120) NOT NULL, \"phone\" varchar(15), \"address\" varchar(255), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"birthYear\" integer, \"phoneHash\" varchar(64))",
      "INSERT INTO \"temporary_person\"(\"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\") SELECT \"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\" FROM \"person\"",
      "DROP TABLE \"person\"",
      "ALTER TABLE \"temporary_person\" RENAME TO \"person\"",
      "DROP INDEX \"IDX_membership_request_team_status\"",
      "CREATE TABLE \"temporary_membership_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(8) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('PENDING'), \"teamId\" varchar(36) NOT NULL, \"memberId\" varchar(36), \"personId\" varchar(36), \"applicantName\" varchar(120), \"applicantPhone\" varchar(15), \"applicantAddress\" varchar(255), \"affiliation\" varchar(20), \"requestedRole\" varchar(20), \"reason\" varchar(500), \"requestedBy\" varchar(100), \"recommendedBy\" varchar(100), \"recommendedAt\" datetime, \"decidedBy\" varchar(100), \"decidedAt\" datetime, \"decisionNote\" varchar(500), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"applicantPhoneHash\" varchar(64), CONSTRAINT \"FK_membership_request_person\" FOREIGN KEY (\"personId\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_member\" FOREIGN KEY (\"memberId\") REFERENCES \"member\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_team\" FOREIGN KEY (\"teamId\") REFERENCES \"team\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_membership_request\"(\"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\") SELECT \"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\" FROM \"membership_request\"",
      "DROP TABLE \"membership_request\"",
      "ALTER TABLE \"temporary_membership_request\" RENAME TO \"membership_request\"",
      "CREATE INDEX \"IDX_membership_request_team_status\" ON \"membership_request\" (\"teamId\", \"status\") ",
      "CREATE TABLE \"temporary_person\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(120) NOT NULL, \"phone\" varchar(137), \"address\" varchar(1417), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"birthYear\" integer, \"phoneHash\" varchar(64))",
      "INSERT INTO \"temporary_person\"(\"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\", \"phoneHash\") SELECT \"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\", \"phoneHash\" FROM \"person\"",
      "DROP TABLE \"person\"",
      "ALTER TABLE \"temporary_person\" RENAME TO \"person\"",
      "DROP INDEX \"IDX_membership_request_team_status\"",
      "CREATE TABLE \"temporary_membership_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(8) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('PENDING'), \"teamId\" varchar(36) NOT NULL, \"memberId\" varchar(36), \"personId\" varchar(36), \"applicantName\" varchar(120), \"applicantPhone\" varchar(137), \"applicantAddress\" varchar(1417), \"affiliation\" varchar(20), \"requestedRole\" varchar(20), \"reason\" varchar(500), \"requestedBy\" varchar(100), \"recommendedBy\" varchar(100), \"recommendedAt\" datetime, \"decidedBy\" varchar(100), \"decidedAt\" datetime, \"decisionNote\" varchar(500), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"applicantPhoneHash\" varchar(64), CONSTRAINT \"FK_membership_request_person\" FOREIGN KEY (\"personId\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_member\" FOREIGN KEY (\"memberId\") REFERENCES \"member\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_team\" FOREIGN KEY (\"teamId\") REFERENCES \"team\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_membership_request\"(\"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\", \"applicantPhoneHash\") SELECT \"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\", \"applicantPhoneHash\" FROM \"membership_request\"",
      "DROP TABLE \"membership_request\"",
      "ALTER TABLE \"temporary_membership_request\" RENAME TO \"membership_request\"",
      "CREATE INDEX \"IDX_membership_request_team_status\" ON \"membership_request\" (\"teamId\", \"status\") ",
      "CREATE INDEX \"IDX_person_phone_hash\" ON \"person\" (\"phoneHash\") "
    ],
    "down": [
      "DROP INDEX \"IDX_person_phone_hash\"",
      "DROP INDEX \"IDX_membership_request_team_status\"",
      "ALTER TABLE \"membership_request\" RENAME TO \"temporary_membership_request\"",
      "CREATE TABLE \"membership_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(8) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('PENDING'), \"teamId\" varchar(36) NOT NULL, \"memberId\" varchar(36), \"personId\" varchar(36), \"applicantName\" varchar(120), \"applicantPhone\" varchar(15), \"applicantAddress\" varchar(255), \"affiliation\" varchar(20), \"requestedRole\" varchar(20), \"reason\" varchar(500), \"requestedBy\" varchar(100), \"recommendedBy\" varchar(100), \"recommendedAt\" datetime, \"decidedBy\" varchar(100), \"decidedAt\" datetime, \"decisionNote\" varchar(500), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"applicantPhoneHash\" varchar(64), CONSTRAINT \"FK_membership_request_person\" FOREIGN KEY (\"personId\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_member\" FOREIGN KEY (\"memberId\") REFERENCES \"member\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_team\" FOREIGN KEY (\"teamId\") REFERENCES \"team\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)",
      "INSERT INTO \"membership_request\"(\"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\", \"applicantPhoneHash\") SELECT \"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\", \"applicantPhoneHash\" FROM \"temporary_membership_request\"",
      "DROP TABLE \"temporary_membership_request\"",
      "CREATE INDEX \"IDX_membership_request_team_status\" ON \"membership_request\" (\"teamId\", \"status\") ",
      "ALTER TABLE \"person\" RENAME TO \"temporary_person\"",
      "CREATE TABLE \"person\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(120) NOT NULL, \"phone\" varchar(15), \"address\" varchar(255), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"birthYear\" integer, \"phoneHash\" varchar(64))",
      "INSERT INTO \"person\"(\"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\", \"phoneHash\") SELECT \"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\", \"phoneHash\" FROM \"temporary_person\"",
      "DROP TABLE \"temporary_person\"",
      "DROP INDEX \"IDX_membership_request_team_status\"",
      "ALTER TABLE \"membership_request\" RENAME TO \"temporary_membership_request\"",
      "CREATE TABLE \"membership_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(8) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('PENDING'), \"teamId\" varchar(36) NOT NULL, \"memberId\" varchar(36), \"personId\" varchar(36), \"applicantName\" varchar(120), \"applicantPhone\" varchar(15), \"applicantAddress\" varchar(255), \"affiliation\" varchar(20), \"requestedRole\" varchar(20), \"reason\" varchar(500), \"requestedBy\" varchar(100), \"recommendedBy\" varchar(100), \"recommendedAt\" datetime, \"decidedBy\" varchar(100), \"decidedAt\" datetime, \"decisionNote\" varchar(500), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_membership_request_person\" FOREIGN KEY (\"personId\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_member\" FOREIGN KEY (\"memberId\") REFERENCES \"member\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_membership_request_team\" FOREIGN KEY (\"teamId\") REFERENCES \"team\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)",
      "INSERT INTO \"membership_request\"(\"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\") SELECT \"id\", \"kind\", \"status\", \"teamId\", \"memberId\", \"personId\", \"applicantName\", \"applicantPhone\", \"applicantAddress\", \"affiliation\", \"requestedRole\", \"reason\", \"requestedBy\", \"recommendedBy\", \"recommendedAt\", \"decidedBy\", \"decidedAt\", \"decisionNote\", \"createdAt\" FROM \"temporary_membership_request\"",
      "DROP TABLE \"temporary_membership_request\"",
      "CREATE INDEX \"IDX_membership_request_team_status\" ON \"membership_request\" (\"teamId\", \"status\") ",
      "ALTER TABLE \"person\" RENAME TO \"temporary_person\"",
      "CREATE TABLE \"person\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(120) NOT NULL, \"phone\" varchar(15), \"address\" varchar(255), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"birthYear\" integer)",
      "INSERT INTO \"person\"(\"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\") SELECT \"id\", \"fullName\", \"phone\", \"address\", \"createdAt\", \"birthYear\" FROM \"temporary_person\"",
      "DROP TABLE \"temporary_person\"",
      "CREATE INDEX \"IDX_person_phone\" ON \"person\" (\"phone\") "
    ]
  },
  "mysql": {
    "up": [
      "DROP INDEX `IDX_person_phone` ON `person`",
      "ALTER TABLE `person` ADD `phoneHash` varchar(64) NULL",
      "ALTER TABLE `membership_request` ADD `applicantPhoneHash` varchar(64) NULL",
      "ALTER TABLE `person` MODIFY `phone` varchar(137) NULL, MODIFY `address` varchar(1417) NULL",
      "ALTER TABLE `membership_request` MODIFY `applicantPhone` varchar(137) NULL, MODIFY `applicantAddress` varchar(1417) NULL",
      "CREATE INDEX `IDX_person_phone_hash` ON `person` (`phoneHash`)"
    ],
    "down": [
      "DROP INDEX `IDX_person_phone_hash` ON `person`",
      "ALTER TABLE `membership_request` MODIFY `applicantPhone` varchar(15) NULL, MODIFY `applicantAddress` varchar(255) NULL",
      "ALTER TABLE `person` MODIFY `phone` varchar(15) NULL, MODIFY `address` varchar(255) NULL",
      "ALTER TABLE `membership_request` DROP COLUMN `applicantPhoneHash`",
      "ALTER TABLE `person` DROP COLUMN `phoneHash`",
      "CREATE INDEX `IDX_person_phone` ON `person` (`phone`)"
    ]
  }
};
