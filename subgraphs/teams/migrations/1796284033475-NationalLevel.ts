import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, type DialectStatements } from '../../common/migrations';

/**
 * The national level above the provinces (seed 003: the Central Youth Union recognises the
 * provinces' members nationally): the nation as a unit, VN, the root of the tree (its path `/` is a
 * prefix of every unit's, so the paths stored here and in other subgraphs stay as they are), the
 * provinces put under it; the national decisions on nominations and on reward proposals the
 * provinces send on. Columns as `npm run migration:generate -- teams NationalLevel` writes them.
 */
export class NationalLevel1796284033475 implements MigrationInterface {
  name = 'NationalLevel1796284033475';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'up');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'down');
  }
}

const NATION = [
  "INSERT INTO administrative_unit (code, name, level, parentCode, path, memberLimit) VALUES ('VN', 'Toàn quốc', 'NATION', NULL, '/', NULL)",
  "UPDATE administrative_unit SET parentCode = 'VN' WHERE level = 'PROVINCE' AND parentCode IS NULL",
];
const NO_NATION = ["UPDATE administrative_unit SET parentCode = NULL WHERE parentCode = 'VN'", "DELETE FROM administrative_unit WHERE code = 'VN'"];

const STATEMENTS: DialectStatements = {
  "sqlite": {
    "up": [
      "ALTER TABLE \"nomination\" ADD COLUMN \"nationalDecision\" varchar(12)",
      "ALTER TABLE \"nomination\" ADD COLUMN \"nationalReason\" varchar(300)",
      "ALTER TABLE \"nomination\" ADD COLUMN \"nationalDecidedBy\" varchar(100)",
      "ALTER TABLE \"nomination\" ADD COLUMN \"nationalDecidedOn\" date",
      "ALTER TABLE \"reward_proposal\" ADD COLUMN \"nationalStatus\" varchar(10)",
      "ALTER TABLE \"reward_proposal\" ADD COLUMN \"nationalSentBy\" varchar(100)",
      "ALTER TABLE \"reward_proposal\" ADD COLUMN \"nationalDecidedBy\" varchar(100)",
      "ALTER TABLE \"reward_proposal\" ADD COLUMN \"nationalDecidedOn\" date",
      "ALTER TABLE \"reward_proposal\" ADD COLUMN \"nationalReason\" varchar(300)",
      ...NATION
    ],
    "down": [
      ...NO_NATION,
      "ALTER TABLE \"reward_proposal\" DROP COLUMN \"nationalReason\"",
      "ALTER TABLE \"reward_proposal\" DROP COLUMN \"nationalDecidedOn\"",
      "ALTER TABLE \"reward_proposal\" DROP COLUMN \"nationalDecidedBy\"",
      "ALTER TABLE \"reward_proposal\" DROP COLUMN \"nationalSentBy\"",
      "ALTER TABLE \"reward_proposal\" DROP COLUMN \"nationalStatus\"",
      "ALTER TABLE \"nomination\" DROP COLUMN \"nationalDecidedOn\"",
      "ALTER TABLE \"nomination\" DROP COLUMN \"nationalDecidedBy\"",
      "ALTER TABLE \"nomination\" DROP COLUMN \"nationalReason\"",
      "ALTER TABLE \"nomination\" DROP COLUMN \"nationalDecision\""
    ]
  },
  "mysql": {
    "up": [
      "ALTER TABLE `nomination` ADD `nationalDecision` varchar(12) NULL",
      "ALTER TABLE `nomination` ADD `nationalReason` varchar(300) NULL",
      "ALTER TABLE `nomination` ADD `nationalDecidedBy` varchar(100) NULL",
      "ALTER TABLE `nomination` ADD `nationalDecidedOn` date NULL",
      "ALTER TABLE `reward_proposal` ADD `nationalStatus` varchar(10) NULL",
      "ALTER TABLE `reward_proposal` ADD `nationalSentBy` varchar(100) NULL",
      "ALTER TABLE `reward_proposal` ADD `nationalDecidedBy` varchar(100) NULL",
      "ALTER TABLE `reward_proposal` ADD `nationalDecidedOn` date NULL",
      "ALTER TABLE `reward_proposal` ADD `nationalReason` varchar(300) NULL",
      ...NATION
    ],
    "down": [
      ...NO_NATION,
      "ALTER TABLE `reward_proposal` DROP COLUMN `nationalReason`",
      "ALTER TABLE `reward_proposal` DROP COLUMN `nationalDecidedOn`",
      "ALTER TABLE `reward_proposal` DROP COLUMN `nationalDecidedBy`",
      "ALTER TABLE `reward_proposal` DROP COLUMN `nationalSentBy`",
      "ALTER TABLE `reward_proposal` DROP COLUMN `nationalStatus`",
      "ALTER TABLE `nomination` DROP COLUMN `nationalDecidedOn`",
      "ALTER TABLE `nomination` DROP COLUMN `nationalDecidedBy`",
      "ALTER TABLE `nomination` DROP COLUMN `nationalReason`",
      "ALTER TABLE `nomination` DROP COLUMN `nationalDecision`"
    ]
  }
};
