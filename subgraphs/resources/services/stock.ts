import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { invalidInput } from '../../common/errors';
import { t } from '../../common/messages';
import { Allocation, AllocationCode, Gift, type RecipientKind } from '../entities';

/** What is issued from a lot, to whom (a household's name only where the household gave it). */
export interface Issue {
  quantity: number;
  recipientKind: RecipientKind;
  recipientId: string | null;
  household: string | null;
  issuedOn: string;
  codes: string[];
  /** A contest prize handed over (events subgraph): one allocation per prize. */
  prizeId?: string | null;
}

/** A lot with codes issues them by name, one per item, each one of the lot's; a lot without codes takes none. */
export function insistCodesOfLot(gift: Gift, codes: string[], quantity: number): void {
  const lotCodes = new Set(gift.codes ? gift.codes.split('\n') : []);
  if (lotCodes.size === 0) {
    if (codes.length > 0) throw invalidInput('codes', t('problems.noCodesToIssue'));
    return;
  }
  if (codes.length !== quantity) throw invalidInput('codes', t('problems.codesPerItem', { quantity, codesLength: codes.length }));
  const unknown = codes.findIndex((code) => !lotCodes.has(code));
  if (unknown >= 0) throw invalidInput(`codes.${unknown}`, t('problems.codeNotInGift', { value: codes[unknown] }));
}

/**
 * Issues items of a lot inside the caller's transaction, under the lot's row lock (every issue of
 * the lot takes it): never more than on hand, never a code issued before (the unique index (lot,
 * code) refuses one all the same). `beforeIssuing` checks, under the same lock, a rule of its own.
 */
export async function issueFromLot(
  db: Database,
  manager: EntityManager,
  gift: Gift,
  issue: Issue,
  beforeIssuing?: () => Promise<void>,
): Promise<Allocation> {
  const lot = await db.lockForUpdate(manager, Gift, { id: gift.id });
  await beforeIssuing?.();
  const issued = await manager.sum(Allocation, 'quantity', { giftId: gift.id });
  const onHand = lot!.quantity - Number(issued ?? 0);
  if (issue.quantity > onHand) throw invalidInput('quantity', t('problems.moreThanOnHand', { onHand }));
  const { codes, ...fields } = issue;
  const issuedBefore = codes.length > 0 ? await manager.findBy(AllocationCode, { giftId: gift.id, code: In(codes) }) : [];
  if (issuedBefore.length > 0) throw invalidInput(`codes.${codes.indexOf(issuedBefore[0].code)}`, t('problems.codeIssued', { value: issuedBefore[0].code }));
  const allocation = await manager.save(manager.create(Allocation, { ...fields, giftId: gift.id, prizeId: issue.prizeId ?? null }));
  await manager.save(codes.map((code) => manager.create(AllocationCode, { giftId: gift.id, allocationId: allocation.id, code })));
  return allocation;
}
