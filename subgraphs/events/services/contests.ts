import { conflict, invalidInput } from '../../common/errors';
import type { Context } from '../../common/context';
import { t } from '../../common/messages';
import type { ContestEntry, ContestPrize, Event } from '../entities';

/** An entry with its place: entries tied on their score share a rank (1, 1, 3) until the organiser breaks the tie. */
export interface RankedEntry {
  entry: ContestEntry;
  /** Null while the entry has no score. */
  rank: number | null;
  /** Another entry has the same rank. */
  tied: boolean;
}

/** Whether `a` places before `b`: a better score, or the same score with the organiser's order between them. */
function placesBefore(a: ContestEntry, b: ContestEntry): boolean {
  if (a.score === null) return false;
  if (b.score === null || a.score > b.score) return true;
  return a.score === b.score && a.tieBreak !== null && b.tieBreak !== null && a.tieBreak < b.tieBreak;
}

/** Best first (then in order of entry), each with its rank: one more than the entries placed before it. */
export function rankEntries(entries: readonly ContestEntry[]): RankedEntry[] {
  const ordered = [...entries].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.tieBreak ?? 0) - (b.tieBreak ?? 0) || a.enteredAt.getTime() - b.enteredAt.getTime(),
  );
  const ranks = ordered.map((entry) => (entry.score === null ? null : 1 + ordered.filter((other) => placesBefore(other, entry)).length));
  return ordered.map((entry, index) => ({
    entry,
    rank: ranks[index],
    tied: ranks[index] !== null && ranks.filter((rank) => rank === ranks[index]).length > 1,
  }));
}

/** The one entry a prize goes to; refused while entries tie at its rank, or none has reached it. */
export function entryTakingPrize(prize: ContestPrize, entries: readonly ContestEntry[]): ContestEntry {
  const atRank = rankEntries(entries).filter(({ rank }) => rank === prize.rank);
  if (atRank.length > 1) throw conflict(t('prizes.tied', { count: atRank.length, rank: prize.rank }), { rank: prize.rank });
  if (atRank.length === 0) throw conflict(t('prizes.noWinner', { rank: prize.rank }), { rank: prize.rank });
  return atRank[0].entry;
}

/**
 * The organiser's order among the entries tied on one score: `entryIds`, best first, must be every
 * scored entry of the contest with that score. Returns each entry's tie-break (1 first).
 */
export function tieBreaksOf(contestEntries: readonly ContestEntry[], entryIds: readonly string[]): Map<string, number> {
  const listed = entryIds.map((id) => contestEntries.find((entry) => entry.id === id));
  const score = listed[0]?.score ?? null;
  const unfit = listed.findIndex((entry) => !entry || entry.score === null || entry.score !== score);
  if (unfit >= 0) throw invalidInput(`entryIds.${unfit}`, t('prizes.tieOfOneScore'));
  const tied = contestEntries.filter((entry) => entry.score === score);
  if (tied.length < 2 || new Set(entryIds).size !== tied.length || entryIds.length !== tied.length) {
    throw invalidInput('entryIds', t('prizes.tieWhole', { count: tied.length, score }));
  }
  return new Map(entryIds.map((id, index) => [id, index + 1]));
}

/**
 * Each prize's lot must exist and be held by the event's unit or a unit under it: asked of the
 * resources subgraph, which owns the lots (a `Gift` entity reference, never its tables).
 */
export async function insistLotsOfEventUnit(ctx: Context, event: Event, prizes: readonly { giftId?: string | null }[]): Promise<void> {
  const named = prizes.flatMap((prize, index) => (prize.giftId ? [{ index, giftId: prize.giftId }] : []));
  if (named.length === 0) return;
  const lots = await ctx.peers.entities<{ heldBy: { code: string } }>(
    'resources',
    named.map(({ giftId }) => ({ __typename: 'Gift', id: giftId })),
    '... on Gift { heldBy { code } }',
  );
  for (const [position, { index }] of named.entries()) {
    const lot = lots[position];
    if (!lot) throw invalidInput(`prizes.${index}.giftId`, t('prizes.lotUnknown'));
    const { unitPath } = await ctx.units.unit(lot.heldBy.code);
    if (!unitPath.startsWith(event.unitPath)) throw invalidInput(`prizes.${index}.giftId`, t('prizes.lotElsewhere'));
  }
}
