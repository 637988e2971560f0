import type { EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { ReceiptCounter } from '../entities';

/**
 * The next receipt number of a unit's year: numbers run on and are never reused. One upsert
 * creates or bumps the counter and holds its row lock until the transaction ends, so
 * concurrent receipts of a unit and year queue on it (a read-then-lock would deadlock).
 */
export async function nextReceiptNumber(db: Database, manager: EntityManager, unitCode: string, year: number): Promise<number> {
  const bump = db.isMysql
    ? 'INSERT INTO receipt_counter (unitCode, year, lastNumber) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE lastNumber = lastNumber + 1'
    : 'INSERT INTO receipt_counter (unitCode, year, lastNumber) VALUES (?, ?, 1) ON CONFLICT (unitCode, year) DO UPDATE SET lastNumber = lastNumber + 1';
  await manager.query(bump, [unitCode, year]);
  return (await manager.findOneByOrFail(ReceiptCounter, { unitCode, year })).lastNumber;
}
