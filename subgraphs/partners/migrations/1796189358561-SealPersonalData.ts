import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, sealRows, type DialectStatements, type SealedTable } from '../../common/migrations';
/**
 * Seals partners' branch contacts' phones and onboarded households' phones and addresses
 * (AES-256-GCM, see personal-data.ts).
 * Schema from `npm run migration:generate -- partners SealPersonalData`; on MySQL/MariaDB the columns
 * are widened in place (MODIFY) where the generator would drop and re-add them.
 */
export class SealPersonalData1796189358561 implements MigrationInterface {
  name = 'SealPersonalData1796189358561';

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
  { table: 'branch_contact', sealed: ['phone'] },
  { table: 'onboarding', sealed: ['phone', 'address'] },
];

const STATEMENTS: DialectStatements = {
  "sqlite": {
    "up": [
      "DROP INDEX \"IDX_branch_contact_branch\"",
      "CREATE TABLE \"temporary_branch_contact\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"branchId\" varchar(36) NOT NULL, \"fullName\" varchar(120) NOT NULL, \"position\" varchar(120), \"phone\" varchar(137), \"email\" varchar(200), CONSTRAINT \"FK_branch_contact_branch\" FOREIGN KEY (\"branchId\") REFERENCES \"partner_branch\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_branch_contact\"(\"id\", \"branchId\", \"fullName\", \"position\", \"phone\", \"email\") SELECT \"id\", \"branchId\", \"fullName\", \"position\", \"phone\", \"email\" FROM \"branch_contact\"",
      "DROP TABLE \"branch_contact\"",
      "ALTER TABLE \"temporary_branch_contact\" RENAME TO \"branch_contact\"",
      "CREATE INDEX \"IDX_branch_contact_branch\" ON \"branch_contact\" (\"branchId\") ",
      "DROP INDEX \"IDX_onboarding_date_team_unit_path\"",
      "DROP INDEX \"IDX_onboarding_partner_date\"",
      "DROP INDEX \"IDX_onboarding_team_unit_path\"",
      "DROP INDEX \"IDX_onboarding_team\"",
      "CREATE TABLE \"temporary_onboarding\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"partnerId\" varchar(36) NOT NULL, \"platformId\" varchar(36) NOT NULL, \"onboardeeKind\" varchar(12) NOT NULL, \"name\" varchar(200) NOT NULL, \"phone\" varchar(137), \"address\" varchar(1657), \"teamId\" varchar(36) NOT NULL, \"teamUnitPath\" varchar(255) NOT NULL, \"onboardedOn\" date NOT NULL, \"status\" varchar(12) NOT NULL, \"productsListed\" integer, \"loggedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_onboarding_platform\" FOREIGN KEY (\"platformId\") REFERENCES \"platform\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION, CONSTRAINT \"FK_onboarding_partner\" FOREIGN KEY (\"partnerId\") REFERENCES \"partner\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)",
      "INSERT INTO \"temporary_onboarding\"(\"id\", \"partnerId\", \"platformId\", \"onboardeeKind\", \"name\", \"phone\", \"address\", \"teamId\", \"teamUnitPath\", \"onboardedOn\", \"status\", \"productsListed\", \"loggedAt\", \"updatedAt\") SELECT \"id\", \"partnerId\", \"platformId\", \"onboardeeKind\", \"name\", \"phone\", \"address\", \"teamId\", \"teamUnitPath\", \"onboardedOn\", \"status\", \"productsListed\", \"loggedAt\", \"updatedAt\" FROM \"onboarding\"",
      "DROP TABLE \"onboarding\"",
      "ALTER TABLE \"temporary_onboarding\" RENAME TO \"onboarding\"",
      "CREATE INDEX \"IDX_onboarding_date_team_unit_path\" ON \"onboarding\" (\"onboardedOn\", \"teamUnitPath\") ",
      "CREATE INDEX \"IDX_onboarding_partner_date\" ON \"onboarding\" (\"partnerId\", \"onboardedOn\") ",
      "CREATE INDEX \"IDX_onboarding_team_unit_path\" ON \"onboarding\" (\"teamUnitPath\") ",
      "CREATE INDEX \"IDX_onboarding_team\" ON \"onboarding\" (\"teamId\") "
    ],
    "down": [
      "DROP INDEX \"IDX_onboarding_team\"",
      "DROP INDEX \"IDX_onboarding_team_unit_path\"",
      "DROP INDEX \"IDX_onboarding_partner_date\"",
      "DROP INDEX \"IDX_onboarding_date_team_unit_path\"",
      "ALTER TABLE \"onboarding\" RENAME TO \"temporary_onboarding\"",
      "CREATE TABLE \"onboarding\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"partnerId\" varchar(36) NOT NULL, \"platformId\" varchar(36) NOT NULL, \"onboardeeKind\" varchar(12) NOT NULL, \"name\" varchar(200) NOT NULL, \"phone\" varchar(15), \"address\" varchar(300), \"teamId\" varchar(36) NOT NULL, \"teamUnitPath\" varchar(255) NOT NULL, \"onboardedOn\" date NOT NULL, \"status\" varchar(12) NOT NULL, \"productsListed\" integer, \"loggedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_onboarding_platform\" FOREIGN KEY (\"platformId\") REFERENCES \"platform\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION, CONSTRAINT \"FK_onboarding_partner\" FOREIGN KEY (\"partnerId\") REFERENCES \"partner\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)",
      "INSERT INTO \"onboarding\"(\"id\", \"partnerId\", \"platformId\", \"onboardeeKind\", \"name\", \"phone\", \"address\", \"teamId\", \"teamUnitPath\", \"onboardedOn\", \"status\", \"productsListed\", \"loggedAt\", \"updatedAt\") SELECT \"id\", \"partnerId\", \"platformId\", \"onboardeeKind\", \"name\", \"phone\", \"address\", \"teamId\", \"teamUnitPath\", \"onboardedOn\", \"status\", \"productsListed\", \"loggedAt\", \"updatedAt\" FROM \"temporary_onboarding\"",
      "DROP TABLE \"temporary_onboarding\"",
      "CREATE INDEX \"IDX_onboarding_team\" ON \"onboarding\" (\"teamId\") ",
      "CREATE INDEX \"IDX_onboarding_team_unit_path\" ON \"onboarding\" (\"teamUnitPath\") ",
      "CREATE INDEX \"IDX_onboarding_partner_date\" ON \"onboarding\" (\"partnerId\", \"onboardedOn\") ",
      "CREATE INDEX \"IDX_onboarding_date_team_unit_path\" ON \"onboarding\" (\"onboardedOn\", \"teamUnitPath\") ",
      "DROP INDEX \"IDX_branch_contact_branch\"",
      "ALTER TABLE \"branch_contact\" RENAME TO \"temporary_branch_contact\"",
      "CREATE TABLE \"branch_contact\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"branchId\" varchar(36) NOT NULL, \"fullName\" varchar(120) NOT NULL, \"position\" varchar(120), \"phone\" varchar(15), \"email\" varchar(200), CONSTRAINT \"FK_branch_contact_branch\" FOREIGN KEY (\"branchId\") REFERENCES \"partner_branch\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
      "INSERT INTO \"branch_contact\"(\"id\", \"branchId\", \"fullName\", \"position\", \"phone\", \"email\") SELECT \"id\", \"branchId\", \"fullName\", \"position\", \"phone\", \"email\" FROM \"temporary_branch_contact\"",
      "DROP TABLE \"temporary_branch_contact\"",
      "CREATE INDEX \"IDX_branch_contact_branch\" ON \"branch_contact\" (\"branchId\") "
    ]
  },
  "mysql": {
    "up": [
      "ALTER TABLE `branch_contact` MODIFY `phone` varchar(137) NULL",
      "ALTER TABLE `onboarding` MODIFY `phone` varchar(137) NULL, MODIFY `address` varchar(1657) NULL"
    ],
    "down": [
      "ALTER TABLE `onboarding` MODIFY `phone` varchar(15) NULL, MODIFY `address` varchar(300) NULL",
      "ALTER TABLE `branch_contact` MODIFY `phone` varchar(15) NULL"
    ]
  }
};
