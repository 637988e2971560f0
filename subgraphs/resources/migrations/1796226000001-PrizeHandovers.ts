import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements, type DialectStatements } from '../../common/migrations';

/**
 * Written by hand (one nullable column and its index). The contest prize (events subgraph) an
 * allocation hands over: unique, so a prize is handed over once, even by two processes at once.
 */
export class PrizeHandovers1796226000001 implements MigrationInterface {
  name = 'PrizeHandovers1796226000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'up');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, STATEMENTS, 'down');
  }
}

const STATEMENTS: DialectStatements = {
  sqlite: {
    up: ['ALTER TABLE "allocation" ADD COLUMN "prizeId" varchar(36)', 'CREATE UNIQUE INDEX "UQ_allocation_prize" ON "allocation" ("prizeId") '],
    down: ['DROP INDEX "UQ_allocation_prize"', 'ALTER TABLE "allocation" DROP COLUMN "prizeId"'],
  },
  mysql: {
    up: ['ALTER TABLE `allocation` ADD `prizeId` varchar(36) NULL', 'CREATE UNIQUE INDEX `UQ_allocation_prize` ON `allocation` (`prizeId`)'],
    down: ['DROP INDEX `UQ_allocation_prize` ON `allocation`', 'ALTER TABLE `allocation` DROP COLUMN `prizeId`'],
  },
};
