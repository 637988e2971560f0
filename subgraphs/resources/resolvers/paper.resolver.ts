import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { invalidInput, notFound } from '../../common/errors';
import { totalFrom, sumOfMoney } from '../../common/money';
import { exportPaper, exportPaperAs, PaperFormat } from '../../common/papers';
import { ExportedFile } from '../../common/spreadsheets';
import { loadProgramme, loadSponsor, managesProgramme } from '../access';
import { Pledge, Receipt, Sponsor, type Programme } from '../entities';
import { budgetLinesOfProgramme, contactsOfSponsor, giftsOfReceipt, receiptById } from '../loaders';
import { publicLedger } from '../services/ledger';
import { budgetEstimatePaper, headingOf, ledgerPaper, receiptPaper, sponsorContactPaper, thankYouLetter } from '../services/papers';
import { t } from '../../common/messages';
import { rulesOfReceipt } from '../services/team-fund';

/** The most sponsors one contact list holds. */
const MAX_SPONSORS = 1000;

async function loadReceipt(ctx: Context, id: string): Promise<{ receipt: Receipt; programme: Programme }> {
  const receipt = await ctx.loaders.get(receiptById).load(id);
  if (!receipt) throw notFound('Receipt', id);
  return { receipt, programme: await loadProgramme(ctx, receipt.programmeId) };
}

/** Printable papers (PDF) and workbooks (XLSX) in the official layout, as files to download. */
@Resolver()
export class PaperResolver {
  @Query(() => ExportedFile, { description: 'The paper for a receipt: a cash receipt (phiếu thu) or an in-kind receipt (biên nhận hiện vật), PDF; gifts’ codes are never printed' })
  async receiptPaper(@Arg('receiptId', () => ID, { description: 'The donation received' }) receiptId: string, @Ctx() ctx: Context): Promise<ExportedFile> {
    const { receipt, programme } = await loadReceipt(ctx, receiptId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.printReceipts');
    const [sponsor, gifts, heading, fundRules] = await Promise.all([
      receipt.sponsorId ? loadSponsor(ctx, receipt.sponsorId) : null,
      ctx.loaders.get(giftsOfReceipt).load(receipt.id),
      headingOf(ctx, receipt, receipt.receiptNumber, receipt.receivedOn),
      rulesOfReceipt(ctx, receipt),
    ]);
    return exportPaper(`phieu-thu-${receipt.receiptNumber.replace(/\//g, '-')}`, receiptPaper(heading, receipt, programme, sponsor, gifts, fundRules));
  }

  @Query(() => ExportedFile, { description: 'The thank-you letter to the sponsor of a receipt, PDF' })
  async thankYouLetter(@Arg('receiptId', () => ID, { description: 'The donation to thank for' }) receiptId: string, @Ctx() ctx: Context): Promise<ExportedFile> {
    const { receipt, programme } = await loadReceipt(ctx, receiptId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.writeToSponsors');
    if (!receipt.sponsorId) throw invalidInput('receiptId', t('problems.noSponsorsToThank'));
    const [sponsor, gifts, heading] = await Promise.all([
      loadSponsor(ctx, receipt.sponsorId),
      ctx.loaders.get(giftsOfReceipt).load(receipt.id),
      headingOf(ctx, programme),
    ]);
    return exportPaper(`thu-cam-on-${receipt.receiptNumber.replace(/\//g, '-')}`, thankYouLetter(heading, receipt, programme, sponsor, gifts));
  }

  @Query(() => ExportedFile, { description: 'A programme’s budget estimate (dự toán kinh phí, the handbook’s form 6.4), PDF or XLSX; public like the budget' })
  async budgetEstimateFile(
    @Arg('programmeId', () => ID, { description: 'The programme whose budget estimate it is' }) programmeId: string,
    @Arg('format', () => PaperFormat, { defaultValue: PaperFormat.PDF, description: 'The file’s format' }) format: PaperFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const programme = await loadProgramme(ctx, programmeId);
    const [lines, heading] = await Promise.all([ctx.loaders.get(budgetLinesOfProgramme).load(programme.id), headingOf(ctx, programme)]);
    return exportPaperAs(format, `du-toan-${programme.id.slice(0, 8)}`, budgetEstimatePaper(heading, programme, lines), 'Dự toán kinh phí');
  }

  @Query(() => ExportedFile, { description: 'The public ledger (disclosure) of a unit or a programme for a period, PDF or XLSX: no personal data, no codes' })
  async ledgerFile(
    @Ctx() ctx: Context,
    @Arg('unitCode', () => String, { nullable: true, description: 'The ledger of a unit’s whole subtree (or give programmeId)' }) unitCode: string | null,
    @Arg('programmeId', () => ID, { nullable: true, description: 'One programme’s ledger (or give unitCode)' }) programmeId: string | null,
    @Arg('from', () => LocalDateResolver, { nullable: true, description: 'Default: 1 January this year' }) from: string | null,
    @Arg('to', () => LocalDateResolver, { nullable: true, description: 'Default: 31 December this year' }) to: string | null,
    @Arg('format', () => PaperFormat, { defaultValue: PaperFormat.PDF, description: 'The file’s format' }) format: PaperFormat,
  ): Promise<ExportedFile> {
    const ledger = await publicLedger(ctx, { unitCode, programmeId, from, to });
    const programme = programmeId ? await loadProgramme(ctx, programmeId) : null;
    const place = programme ?? (await ctx.units.unit(unitCode!));
    const heading = await headingOf(ctx, place);
    const scopeName = programme ? `Chương trình: ${programme.name}` : await ctx.units.unitName(place.unitCode);
    return exportPaperAs(format, `cong-khai-${place.unitCode}-${ledger.from}-${ledger.to}`, ledgerPaper(heading, scopeName, ledger), 'Công khai thu chi');
  }

  @Query(() => ExportedFile, { description: 'After a campaign: its sponsors, their contacts, pledged and received, XLSX (officers: personal data)' })
  async sponsorContactList(@Arg('programmeId', () => ID, { description: 'The programme whose sponsors to list' }) programmeId: string, @Ctx() ctx: Context): Promise<ExportedFile> {
    const programme = await loadProgramme(ctx, programmeId);
    ctx.viewer.insist(ctx.viewer.oversees(programme.unitPath), 'actions.readProgrammeSponsorContacts');
    const [pledged, received] = await Promise.all([
      ctx.db.manager
        .createQueryBuilder(Pledge, 'pledge')
        .select('pledge.sponsorId', 'sponsorId')
        .addSelect(sumOfMoney('pledge.amount'), 'total')
        .where('pledge.programmeId = :id AND pledge.cancelledAt IS NULL', { id: programme.id })
        .groupBy('pledge.sponsorId')
        .getRawMany<{ sponsorId: string; total: string }>(),
      ctx.db.manager
        .createQueryBuilder(Receipt, 'receipt')
        .select('receipt.sponsorId', 'sponsorId')
        .addSelect(sumOfMoney('receipt.amount'), 'total')
        .where('receipt.programmeId = :id AND receipt.sponsorId IS NOT NULL', { id: programme.id })
        .groupBy('receipt.sponsorId')
        .getRawMany<{ sponsorId: string; total: string }>(),
    ]);
    const ids = [...new Set([...pledged, ...received].map((row) => row.sponsorId))];
    if (ids.length > MAX_SPONSORS) throw invalidInput('programmeId', t('problems.tooManySponsors', { MAX_SPONSORS }));
    const sponsors = ids.length > 0 ? await ctx.db.manager.createQueryBuilder(Sponsor, 'sponsor').whereInIds(ids).orderBy('sponsor.name').getMany() : [];
    const contacts = await Promise.all(sponsors.map((sponsor) => ctx.loaders.get(contactsOfSponsor).load(sponsor.id)));
    const sumOf = (rows: { sponsorId: string; total: string }[], id: string) => totalFrom(rows.find((row) => row.sponsorId === id)?.total ?? 0);
    const list = sponsors.map((sponsor, index) => ({
      sponsor,
      contacts: contacts[index],
      pledged: sumOf(pledged, sponsor.id),
      received: sumOf(received, sponsor.id),
    }));
    const heading = await headingOf(ctx, programme);
    return exportPaperAs(PaperFormat.XLSX, `nha-tai-tro-${programme.id.slice(0, 8)}`, sponsorContactPaper(heading, programme, list), 'Nhà tài trợ');
  }
}
