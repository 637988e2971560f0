import { todayInVietnam } from '../../common/dates';
import type { Offer } from '../entities';

/** The codes of a unit and every unit above it, from its path (`/40/17227/` → 40, 17227). */
export function unitCodesOnPath(unitPath: string): string[] {
  return unitPath.split('/').filter((code) => code !== '');
}

export function isCurrent(offer: Offer, today = todayInVietnam()): boolean {
  return offer.validFrom <= today && today <= offer.validUntil;
}
