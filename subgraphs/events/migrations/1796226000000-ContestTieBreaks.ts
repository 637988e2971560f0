import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, type DialectStatements } from '../../common/migrations';

/** Written by hand (one nullable column). The organiser's order among entries tied on a score. */
export class ContestTieBreaks1796226000000 implements MigrationInterface {
  name = 'ContestTieBreaks1796226000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'up');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'down');
  }
}

const STATEMENTS: DialectStatements = {
  sqlite: {
    up: ['ALTER TABLE "contest_entry" ADD COLUMN "tieBreak" integer'],
    down: ['ALTER TABLE "contest_entry" DROP COLUMN "tieBreak"'],
  },
  mysql: {
    up: ['ALTER TABLE `contest_entry` ADD `tieBreak` int NULL'],
    down: ['ALTER TABLE `contest_entry` DROP COLUMN `tieBreak`'],
  },
};
