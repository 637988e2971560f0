import type { EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { ReceiptCounter } from '../entities';

/**
 * The next receipt number of a unit's year: numbers run on and are never reused. The
 * counter row is created if missing (ignored if there), then locked, so concurrent receipts
 * of the same unit and year queue on it instead of racing to create it.
 */
export async function nextReceiptNumber(db: Database, manager: EntityManager, unitCode: string, year: number): Promise<number> {
  await manager.createQueryBuilder().insert().into(ReceiptCounter).values({ unitCode, year, lastNumber: 0 }).orIgnore().execute();
  const counter = await db.lockForUpdate(manager, ReceiptCounter, { unitCode, year });
  const next = counter!.lastNumber + 1;
  await manager.update(ReceiptCounter, { unitCode, year }, { lastNumber: next });
  return next;
}
