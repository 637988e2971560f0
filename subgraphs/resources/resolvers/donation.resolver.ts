import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { Consent, ConsentPurpose, ERASED_NAME, recordConsent, requireConsent, withdrawConsentOf } from '../../common/consent';
import type { Context } from '../../common/context';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { MAX_AMOUNT, Money, totalOf, type Total } from '../../common/money';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { loadProgramme, managesProgramme, programmeOfGift } from '../access';
import {
  Allocation,
  Gift,
  FundingSource,
  InstalmentStatus,
  Pledge,
  PledgeInstalment,
  PledgeStatus,
  Programme,
  Receipt,
  RecipientKind,
  ResourceKind,
  Sponsor,
} from '../entities';
import { allocationsOfGift, codesOfAllocation, giftById, giftsOfReceipt, instalmentsOfPledge, pledgeById, receiptById, sponsorById } from '../loaders';
import { AdministrativeUnit, Event, Team } from './references';
import { fulfilInstalments, instalmentPlan, instalmentStatus, lockInstalments, outstandingOf, pledgeStatus } from '../services/pledges';
import { nextReceiptNumber } from '../services/receipts';
import { insistCodesOfLot, issueFromLot } from '../services/stock';
import { recordReceiptRecorded } from '../domain-events';
import { AllocationInput, CashDonationInput, InKindDonationInput, PledgeInput, WriteOffInstalmentInput } from './inputs';
import { t, type ActionKey } from '../../common/messages';

async function managedProgramme(ctx: Context, id: string, action: ActionKey): Promise<Programme> {
  const programme = await loadProgramme(ctx, id);
  ctx.viewer.insist(managesProgramme(ctx, programme), action);
  return programme;
}

/** Sponsors a programme may take from: those looked after by its unit or a unit above it. */
async function sponsorFor(ctx: Context, programme: Programme, sponsorId: string): Promise<Sponsor> {
  const sponsor = await ctx.loaders.get(sponsorById).load(sponsorId);
  if (!sponsor || !programme.unitPath.startsWith(sponsor.unitPath)) {
    throw invalidInput('sponsorId', t('problems.sponsorNotOfUnit'));
  }
  return sponsor;
}

interface DonationFields {
  programmeId: string;
  sponsorId?: string | null;
  pledgeId?: string | null;
  receivedOn: string;
  note?: string | null;
  idempotencyKey?: string | null;
}

@Resolver(() => Pledge)
export class PledgeResolver {
  @FieldResolver(() => Sponsor, { description: 'The sponsor who pledged' })
  async sponsor(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<Sponsor | undefined> {
    return ctx.loaders.get(sponsorById).load(pledge.sponsorId);
  }

  @FieldResolver(() => Programme, { description: 'The programme pledged to' })
  programme(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<Programme> {
    return loadProgramme(ctx, pledge.programmeId);
  }

  @FieldResolver(() => [PledgeInstalment], { description: 'Its payments in the order receipts fill them' })
  instalments(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<PledgeInstalment[]> {
    return ctx.loaders.get(instalmentsOfPledge).load(pledge.id);
  }

  @FieldResolver(() => Money, { description: 'Received against it so far' })
  async received(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<Total> {
    return totalOf((await this.instalments(pledge, ctx)).map((instalment) => instalment.received));
  }

  @FieldResolver(() => Money, { description: 'Still expected: nothing once cancelled, paid or written off' })
  async outstanding(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<Total> {
    return pledge.cancelledAt ? 0n : outstandingOf(await this.instalments(pledge, ctx));
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: 'When the next payment still expected is due' })
  async dueOn(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<string | null> {
    if (pledge.cancelledAt) return null;
    return (await this.instalments(pledge, ctx)).find((instalment) => instalment.outstanding > 0)?.dueOn ?? null;
  }

  @FieldResolver(() => PledgeStatus, { description: 'Where the pledge stands, from its instalments' })
  async status(@Root() pledge: Pledge, @Ctx() ctx: Context): Promise<PledgeStatus> {
    return pledgeStatus(pledge, await this.instalments(pledge, ctx));
  }

  @Mutation(() => Pledge, { description: 'Records what a sponsor promises to a programme, paid at once or in instalments' })
  async recordPledge(@Arg('input', { description: 'The sponsor’s promise and its instalments' }) input: PledgeInput, @Ctx() ctx: Context): Promise<Pledge> {
    const programme = await managedProgramme(ctx, input.programmeId, 'actions.recordPledges');
    await sponsorFor(ctx, programme, input.sponsorId);
    const plan = instalmentPlan(input);
    const { idempotencyKey, instalments, schedule, dueOn, ...request } = input;
    return once(
      ctx.db,
      { scope: `recordPledge:${ctx.viewer.subject}`, key: idempotencyKey, input: { ...request, plan } },
      async (manager) => {
        if (input.packageId) {
          const offered = await manager.countBy('sponsorship_package', { id: input.packageId, programmeId: programme.id });
          if (!offered) throw invalidInput('packageId', t('problems.notAPackage'));
        }
        const pledge = await manager.save(
          manager.create(Pledge, { ...request, packageId: input.packageId ?? null, description: input.description ?? null, cancelledAt: null }),
        );
        const rows = plan.map((payment, index) => manager.create(PledgeInstalment, { ...payment, pledgeId: pledge.id, position: index + 1, received: 0, writtenOffAt: null }));
        await manager.save(rows);
        await audit(manager, ctx.viewer, { action: 'recordPledge', entity: pledge, unitPath: programme.unitPath, after: { ...pledge, instalments: plan } });
        return pledge;
      },
      (manager, id) => manager.findOneByOrFail(Pledge, { id }),
    );
  }

  @Mutation(() => Pledge, { description: 'Cancels a pledge: nothing more is expected from it' })
  async cancelPledge(
    @Arg('id', () => ID, { description: 'The pledge to cancel' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why it is cancelled, 2 to 500 characters (kept with the pledge, shown to its managers)' }) reason: string | null | undefined,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Pledge> {
    const found = await ctx.db.manager.findOneBy(Pledge, { id });
    if (!found) throw notFound('Pledge', id);
    const programme = await managedProgramme(ctx, found.programmeId, 'actions.cancelPledge');
    const cancellationReason = reason?.trim() || null;
    if (cancellationReason && (cancellationReason.length < 2 || cancellationReason.length > 500)) throw invalidInput('reason', t('checks.isLength', { min: 2, max: 500 }));
    return once(
      ctx.db,
      { scope: `cancelPledge:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, cancellationReason } },
      async (manager) => {
        const pledge = (await ctx.db.lockForUpdate(manager, Pledge, { id }))!;
        if (pledge.cancelledAt) throw conflict(t('conflicts.pledgeAlreadyCancelled'));
        const before = { ...pledge };
        await manager.update(Pledge, { id }, { cancelledAt: new Date(), cancellationReason });
        // Read back, so the answer is what a replay will read (MariaDB keeps whole seconds).
        const after = await manager.findOneByOrFail(Pledge, { id });
        await audit(manager, ctx.viewer, { action: 'cancelPledge', entity: pledge, unitPath: programme.unitPath, before, after });
        return after;
      },
      (manager, pledgeId) => manager.findOneByOrFail(Pledge, { id: pledgeId }),
    );
  }
}

@Resolver(() => PledgeInstalment)
export class PledgeInstalmentResolver {
  @FieldResolver(() => InstalmentStatus, { description: 'Where the instalment stands' })
  status(@Root() instalment: PledgeInstalment): InstalmentStatus {
    return instalmentStatus(instalment);
  }

  @FieldResolver(() => Pledge, { description: 'The pledge it belongs to' })
  async pledge(@Root() instalment: PledgeInstalment, @Ctx() ctx: Context): Promise<Pledge> {
    const pledge = await ctx.loaders.get(pledgeById).load(instalment.pledgeId);
    if (!pledge) throw notFound('Pledge', instalment.pledgeId);
    return pledge;
  }

  @Mutation(() => PledgeInstalment, { description: 'Stops expecting the rest of an instalment (what it received stays)' })
  async writeOffPledgeInstalment(@Arg('input', { description: 'The instalment to write off' }) input: WriteOffInstalmentInput, @Ctx() ctx: Context): Promise<PledgeInstalment> {
    const found = await ctx.db.manager.findOneBy(PledgeInstalment, { id: input.instalmentId });
    const pledge = found && (await ctx.loaders.get(pledgeById).load(found.pledgeId));
    if (!found || !pledge) throw invalidInput('instalmentId', t('problems.notAnInstalment'));
    const programme = await loadProgramme(ctx, pledge.programmeId);
    ctx.viewer.insist(ctx.viewer.oversees(programme.unitPath), 'actions.writeOffOwed');
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `writeOffPledgeInstalment:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        // Pledge first, then its instalments: the order receipts lock them in.
        const locked = (await ctx.db.lockForUpdate(manager, Pledge, { id: pledge.id }))!;
        const instalment = (await lockInstalments(ctx.db, manager, pledge.id)).find((one) => one.id === found.id)!;
        if (locked.cancelledAt) throw conflict(t('conflicts.pledgeCancelled'));
        if (instalment.outstanding === 0) throw conflict(t('conflicts.instalmentSettled'));
        const before = { ...instalment };
        await manager.update(PledgeInstalment, { id: instalment.id }, { writtenOffAt: new Date(), writeOffReason: input.reason?.trim() || null });
        // Read back, so the answer is what a replay will read (MariaDB keeps whole seconds).
        const after = await manager.findOneByOrFail(PledgeInstalment, { id: instalment.id });
        await audit(manager, ctx.viewer, { action: 'writeOffPledgeInstalment', entity: instalment, unitPath: programme.unitPath, before, after });
        return after;
      },
      (manager, id) => manager.findOneByOrFail(PledgeInstalment, { id }),
    );
  }
}

@Resolver(() => Receipt)
export class ReceiptResolver {
  @FieldResolver(() => Sponsor, { nullable: true, description: 'The sponsor who gave it; null for an anonymous donation' })
  async sponsor(@Root() receipt: Receipt, @Ctx() ctx: Context): Promise<Sponsor | undefined> {
    return receipt.sponsorId ? ctx.loaders.get(sponsorById).load(receipt.sponsorId) : undefined;
  }

  @FieldResolver(() => [Gift], { description: 'In kind: what was received' })
  gifts(@Root() receipt: Receipt, @Ctx() ctx: Context): Promise<Gift[]> {
    return ctx.loaders.get(giftsOfReceipt).load(receipt.id);
  }

  @Mutation(() => Receipt, { description: 'Records cash received, with the next receipt number of the unit’s year' })
  recordCashDonation(@Arg('input', { description: 'The cash donation' }) input: CashDonationInput, @Ctx() ctx: Context): Promise<Receipt> {
    if (input.source !== FundingSource.MOBILISED) {
      const field = input.pledgeId ? 'pledgeId' : input.sponsorId ? 'sponsorId' : null;
      if (field) throw invalidInput(field, t('problems.mobilisedOnly'));
    }
    return this.recordDonation(ctx, 'recordCashDonation', input, ResourceKind.CASH, input.amount, { method: input.method, source: input.source });
  }

  @Mutation(() => Receipt, { description: 'Records in-kind gifts received (devices, SIM cards, codes…), valued in đồng' })
  recordInKindDonation(@Arg('input', { description: 'The in-kind donation' }) input: InKindDonationInput, @Ctx() ctx: Context): Promise<Receipt> {
    const value = input.gifts.reduce((sum, gift) => sum + gift.quantity * gift.unitValue, 0);
    if (value > MAX_AMOUNT.receipt) throw invalidInput('gifts', t('problems.receiptTooLarge', { value: MAX_AMOUNT.receipt.toLocaleString('vi-VN') }));
    input.gifts.forEach((gift, index) => {
      // Codes are optional; given, there is one per item (each distinct: the kit refuses repeats).
      if (gift.codes.length > 0 && gift.codes.length !== gift.quantity) {
        throw invalidInput(`gifts.${index}.codes`, t('problems.oneCodePerItem', { giftQuantity: gift.quantity, codesLength: gift.codes.length }));
      }
    });
    return this.recordDonation(ctx, 'recordInKindDonation', input, ResourceKind.IN_KIND, value, {}, async (manager, receipt) => {
      for (const gift of input.gifts) {
        await manager.save(manager.create(Gift, { ...gift, codes: gift.codes.length ? gift.codes.join('\n') : null, receiptId: receipt.id }));
      }
    });
  }

  private async recordDonation(
    ctx: Context,
    action: string,
    input: DonationFields,
    kind: ResourceKind,
    amount: number,
    extra: Partial<Receipt>,
    addLines?: (manager: EntityManager, receipt: Receipt) => Promise<void>,
  ): Promise<Receipt> {
    const programme = await managedProgramme(ctx, input.programmeId, 'actions.recordDonations');
    if (input.sponsorId) await sponsorFor(ctx, programme, input.sponsorId);
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `${action}:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        if (input.pledgeId) {
          // Locked, as cancelPledge and writeOffPledgeInstalment lock it: a receipt, a cancellation and a
          // write-off of one pledge do not cross, and what is outstanding is what the others committed.
          const pledge = await ctx.db.lockForUpdate(manager, Pledge, { id: input.pledgeId });
          if (!pledge || pledge.programmeId !== programme.id) throw invalidInput('pledgeId', t('problems.notPledgeToProgramme'));
          if (pledge.cancelledAt) throw invalidInput('pledgeId', t('problems.pledgeCancelledCannotFulfil'));
          if (pledge.kind !== kind) throw invalidInput('pledgeId', t('problems.pledgeKind', { pledgeKind: t(`enums.ResourceKind.${pledge.kind}`) }));
          if (input.sponsorId && input.sponsorId !== pledge.sponsorId) throw invalidInput('sponsorId', t('problems.notThePledger'));
          input.sponsorId = pledge.sponsorId;
          const instalments = await lockInstalments(ctx.db, manager, pledge.id);
          await fulfilInstalments(manager, instalments, amount, kind === ResourceKind.CASH ? 'amount' : 'gifts');
        }
        const year = Number(input.receivedOn.slice(0, 4));
        const receipt = await manager.save(
          manager.create(Receipt, {
            ...extra,
            unitCode: programme.unitCode,
            unitPath: programme.unitPath,
            year,
            number: await nextReceiptNumber(ctx.db, manager, programme.unitCode, year),
            programmeId: programme.id,
            sponsorId: input.sponsorId ?? null,
            pledgeId: input.pledgeId ?? null,
            kind,
            receivedOn: input.receivedOn,
            amount,
            note: input.note ?? null,
            recordedBy: ctx.viewer.subject,
          }),
        );
        await addLines?.(manager, receipt);
        await audit(manager, ctx.viewer, { action, entity: receipt, unitPath: programme.unitPath, after: { ...receipt, ...request } });
        await recordReceiptRecorded(manager, receipt);
        return receipt;
      },
      (manager, id) => manager.findOneByOrFail(Receipt, { id }),
    );
  }
}

@Resolver(() => Gift)
export class GiftResolver {
  @FieldResolver(() => [String], { description: 'Serials, keys or codes: the programme’s managers only' })
  async codes(@Root() gift: Gift, @Ctx() ctx: Context): Promise<string[]> {
    ctx.viewer.insist(managesProgramme(ctx, await programmeOfGift(ctx, gift.id)), 'actions.seeGiftCodes');
    return gift.codes ? gift.codes.split('\n') : [];
  }

  @FieldResolver(() => AdministrativeUnit, { description: 'The unit whose receipt took the lot in: it holds the stock' })
  async heldBy(@Root() gift: Gift, @Ctx() ctx: Context): Promise<AdministrativeUnit> {
    const receipt = await ctx.loaders.get(receiptById).load(gift.receiptId);
    return { code: receipt!.unitCode };
  }

  @FieldResolver(() => [Allocation], { description: 'What was issued from the lot, to whom: the programme’s managers only' })
  async allocations(@Root() gift: Gift, @Ctx() ctx: Context): Promise<Allocation[]> {
    ctx.viewer.insist(managesProgramme(ctx, await programmeOfGift(ctx, gift.id)), 'actions.seeLotAllocations');
    return ctx.loaders.get(allocationsOfGift).load(gift.id);
  }

  @FieldResolver(() => Int, { description: 'Still in stock: received less issued' })
  async onHand(@Root() gift: Gift, @Ctx() ctx: Context): Promise<number> {
    const allocations = await ctx.loaders.get(allocationsOfGift).load(gift.id);
    return gift.quantity - allocations.reduce((sum, allocation) => sum + allocation.quantity, 0);
  }

  @Mutation(() => Allocation, { description: 'Issues items from stock to a team, an event or a household; never more than on hand' })
  async allocateGift(@Arg('input', { description: 'The items issued and who receives them' }) input: AllocationInput, @Ctx() ctx: Context): Promise<Allocation> {
    const gift = await ctx.loaders.get(giftById).load(input.giftId);
    if (!gift) throw invalidInput('giftId', t('problems.notAGift'));
    const programme = await programmeOfGift(ctx, gift.id);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.issueStock');
    if (input.recipientKind === RecipientKind.HOUSEHOLD ? !input.household : !input.recipientId) {
      const field = input.recipientKind === RecipientKind.HOUSEHOLD ? 'household' : 'recipientId';
      throw invalidInput(field, t('problems.requiredForRecipient', { value: t(`enums.RecipientKind.${input.recipientKind}`) }));
    }
    insistCodesOfLot(gift, input.codes, input.quantity);
    // A household is people: what it received is kept only with its consent (the programme's accounts need it).
    const consent = input.recipientKind === RecipientKind.HOUSEHOLD ? requireConsent(input.consent) : null;
    const { idempotencyKey, codes, consent: _given, ...request } = input;
    return once(
      ctx.db,
      { scope: `allocateGift:${ctx.viewer.subject}`, key: idempotencyKey, input: { ...request, codes } },
      async (manager) => {
        const household = input.recipientKind === RecipientKind.HOUSEHOLD;
        const allocation = await issueFromLot(ctx.db, manager, gift, {
          quantity: input.quantity,
          recipientKind: input.recipientKind,
          recipientId: household ? null : input.recipientId!,
          household: household ? input.household! : null,
          issuedOn: input.issuedOn,
          codes,
        });
        await audit(manager, ctx.viewer, { action: 'allocateGift', entity: allocation, unitPath: programme.unitPath, after: allocation });
        if (consent) await recordConsent(manager, ctx.viewer, allocation, ConsentPurpose.GIFT_DELIVERY, consent);
        return allocation;
      },
      (manager, id) => manager.findOneByOrFail(Allocation, { id }),
    );
  }
}

@Resolver(() => Allocation)
export class AllocationResolver {
  @FieldResolver(() => [String], { description: 'The codes (serials, keys) issued, when the lot has codes: the programme’s managers only' })
  async codes(@Root() allocation: Allocation, @Ctx() ctx: Context): Promise<string[]> {
    ctx.viewer.insist(managesProgramme(ctx, await programmeOfGift(ctx, allocation.giftId)), 'actions.seeGiftCodes');
    return (await ctx.loaders.get(codesOfAllocation).load(allocation.id)).map((row) => row.code);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'TEAM: the team that received the items' })
  team(@Root() allocation: Allocation): Team | null {
    return allocation.recipientKind === RecipientKind.TEAM && allocation.recipientId ? { id: allocation.recipientId } : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'EVENT: the event the items were issued for' })
  event(@Root() allocation: Allocation): Event | null {
    return allocation.recipientKind === RecipientKind.EVENT && allocation.recipientId ? { id: allocation.recipientId } : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'HOUSEHOLD: who received it (personal data: the managers only)' })
  async household(@Root() allocation: Allocation, @Ctx() ctx: Context): Promise<string | null> {
    if (!allocation.household) return null;
    ctx.viewer.insist(managesProgramme(ctx, await programmeOfGift(ctx, allocation.giftId)), 'actions.seeGiftRecipients');
    return allocation.household;
  }

  @Mutation(() => Consent, {
    description:
      'The household withdraws the consent given with a gift (itself, with a one-time code to the phone given then, or an officer over the programme’s unit for it): ' +
      'the allocation stays in the programme’s accounts (quantity, date, codes) without the household’s name',
  })
  async withdrawGiftConsent(@Arg('allocationId', () => ID, { description: 'The gift to a household whose consent is withdrawn' }) allocationId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Consent> {
    const allocation = await ctx.db.manager.findOneBy(Allocation, { id: allocationId });
    if (!allocation) throw notFound('Allocation', allocationId);
    const programme = await programmeOfGift(ctx, allocation.giftId);
    return withdrawConsentOf(ctx, { idempotencyKey,
      record: allocation,
      unitPath: programme.unitPath,
      action: 'withdrawGiftConsent',
      stop: (manager) => manager.update(Allocation, { id: allocation.id }, { household: ERASED_NAME }).then(() => undefined),
    });
  }
}
