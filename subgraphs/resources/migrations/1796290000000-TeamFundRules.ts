import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, type DialectStatements } from '../../common/migrations';

/** The rules each team agreed for its fund of members' contributions, every version kept (team_fund_rules). */
export class TeamFundRules1796290000000 implements MigrationInterface {
  name = 'TeamFundRules1796290000000';

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
      "CREATE TABLE \"team_fund_rules\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"teamId\" varchar(36) NOT NULL, \"unitPath\" varchar(255) NOT NULL, \"version\" integer NOT NULL, \"rules\" text NOT NULL, \"adoptedOn\" date NOT NULL, \"recordedBy\" varchar(100), \"recordedAt\" datetime NOT NULL DEFAULT (datetime('now')))",
      "CREATE UNIQUE INDEX \"UQ_team_fund_rules_team_version\" ON \"team_fund_rules\" (\"teamId\", \"version\") "
    ],
    "down": [
      "DROP INDEX \"UQ_team_fund_rules_team_version\"",
      "DROP TABLE \"team_fund_rules\""
    ]
  },
  "mysql": {
    "up": [
      "CREATE TABLE `team_fund_rules` (`id` varchar(36) NOT NULL, `teamId` varchar(36) NOT NULL, `unitPath` varchar(255) NOT NULL, `version` int NOT NULL, `rules` text NOT NULL, `adoptedOn` date NOT NULL, `recordedBy` varchar(100) NULL, `recordedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `UQ_team_fund_rules_team_version` (`teamId`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB"
    ],
    "down": [
      "DROP INDEX `UQ_team_fund_rules_team_version` ON `team_fund_rules`",
      "DROP TABLE `team_fund_rules`"
    ]
  }
};
