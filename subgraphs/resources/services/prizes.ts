import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { conflict, invalidInput } from '../../common/errors';
import { once } from '../../common/idempotency';
import { t } from '../../common/messages';
import { programmeOfGift } from '../access';
import { Allocation, RecipientKind } from '../entities';
import { giftById } from '../loaders';
import type { HandOverPrizeInput } from '../resolvers/inputs';
import { insistCodesOfLot, issueFromLot } from './stock';

/** What the events subgraph says of a prize, for the caller: its lot, and the entry it goes to. */
interface PrizeToHandOver {
  gift: { id: string } | null;
  awardedTo: { id: string; team: { id: string } | null };
}

/**
 * Hands a contest prize over: an allocation from the prize's lot to the winner. The events subgraph
 * owns contests and who organises them, so it is asked, with the caller's token, for the prize's
 * lot and winner (`ContestPrize.awardedTo`: organisers only, refused while entries tie). A team's
 * entry goes to the team; a person's to a household whose name stays with the contest entry (events,
 * under its consent), never copied here. A prize is handed over once: checked under the lot's lock,
 * which every issue from the lot takes, and by the unique index on `prizeId`.
 */
export async function handOverPrize(ctx: Context, input: HandOverPrizeInput): Promise<Allocation> {
  const [prize] = await ctx.peers.entities<PrizeToHandOver>(
    'events',
    [{ __typename: 'ContestPrize', id: input.prizeId }],
    '... on ContestPrize { gift { id } awardedTo { id team { id } } }',
  );
  if (!prize) throw invalidInput('prizeId', t('prizes.notAPrize'));
  if (!prize.gift) throw invalidInput('prizeId', t('prizes.noLot'));
  const gift = await ctx.loaders.get(giftById).load(prize.gift.id);
  if (!gift) throw invalidInput('prizeId', t('prizes.lotUnknown'));
  const programme = await programmeOfGift(ctx, gift.id);
  insistCodesOfLot(gift, input.codes, input.quantity);
  const team = prize.awardedTo.team;
  const { idempotencyKey, ...request } = input;
  return once(
    ctx.db,
    { scope: `handOverPrize:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
    async (manager) => {
      const allocation = await issueFromLot(
        ctx.db,
        manager,
        gift,
        {
          quantity: input.quantity,
          recipientKind: team ? RecipientKind.TEAM : RecipientKind.HOUSEHOLD,
          recipientId: team?.id ?? null,
          household: null,
          issuedOn: input.issuedOn,
          codes: input.codes,
          prizeId: input.prizeId,
        },
        async () => {
          if (await manager.existsBy(Allocation, { prizeId: input.prizeId })) throw conflict(t('prizes.handedOver'), { field: 'prizeId' });
        },
      );
      await audit(manager, ctx.viewer, { action: 'handOverPrize', entity: allocation, unitPath: programme.unitPath, after: allocation });
      return allocation;
    },
    (manager, id) => manager.findOneByOrFail(Allocation, { id }),
  );
}
