import type { EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { ReceiptCounter } from '../entities';

/** The next receipt number of a unit's year, under a row lock: numbers run on and are never reused. */
export async function nextReceiptNumber(db: Database, manager: EntityManager, unitCode: string, year: number): Promise<number> {
  const counter = await db.lockForUpdate(manager, ReceiptCounter, { unitCode, year });
  const next = (counter?.lastNumber ?? 0) + 1;
  await manager.save(manager.create(ReceiptCounter, { unitCode, year, lastNumber: next }));
  return next;
}
