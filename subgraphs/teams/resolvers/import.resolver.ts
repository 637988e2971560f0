import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MoreThan } from 'typeorm';
import { audit } from '../../common/audit';
import { Role } from '../../common/auth';
import type { Context } from '../../common/context';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { once } from '../../common/idempotency';
import { ExportedFile, SheetFormat, decodeUpload } from '../../common/spreadsheets';
import { loadUnit } from '../access';
import { ImportIssue, ImportJob, ImportJobStatus, UnitLevel } from '../entities';
import { claimForApply, inBackground, newRunner, runJob, sha256 } from '../services/imports/import-jobs';
import { appendSlice, storeWhole, uploadedFile } from '../services/imports/uploads';
import { rosterFile } from '../services/imports/roster-export';
import { importUnits } from '../services/imports/units-import';
import { ConfirmRosterImportArgs, ImportIssuesArgs, ImportUnitsArgs, ImportUpload, RosterImportInput, UnitImportResult, UploadImportChunkArgs } from './import-types';
import { t } from '../../common/messages';

async function loadJob(ctx: Context, id: string): Promise<ImportJob> {
  const job = await ctx.db.manager.findOneBy(ImportJob, { id });
  if (!job) throw notFound('ImportJob', id);
  ctx.viewer.insist(ctx.viewer.oversees(job.unitPath), 'actions.seeImport');
  return job;
}

/** Bringing in what provinces already keep in spreadsheets: the unit list, and teams with their members. */
@Resolver(() => ImportJob)
export class ImportResolver {
  @Mutation(() => UnitImportResult, {
    description: 'Imports the official list of administrative units (ADMIN): a dry run names every bad row; applying creates new units and renames changed ones, all or nothing',
  })
  async importAdministrativeUnits(@Args() { format, content, dryRun }: ImportUnitsArgs, @Ctx() ctx: Context): Promise<UnitImportResult> {
    ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.importUnits');
    return importUnits(ctx, format, decodeUpload(content), dryRun);
  }

  @Query(() => ExportedFile, { description: 'The roster template: the unit’s teams and members in the import layout (blank where there are none)' })
  async rosterTemplate(
    @Arg('unitCode', { description: 'The commune or province the roster is for' }) unitCode: string,
    @Arg('format', () => SheetFormat, { defaultValue: SheetFormat.XLSX, description: 'The file’s format' }) format: SheetFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const unit = await loadUnit(ctx, unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.downloadRoster', { unitName: unit.name });
    if (unit.level === UnitLevel.VILLAGE) throw invalidInput('unitCode', t('problems.rosterPerCommune'));
    return rosterFile(ctx.db, unit, format);
  }

  @Mutation(() => ImportJob, {
    description:
      'Uploads a roster file and starts its dry run (a job: poll importJob). Nothing is written until confirmRosterImport; the rules are those of the API, each departure from the file a warning',
  })
  async checkRosterImport(@Arg('input', { description: 'The roster file and the consent of the people in it' }) input: RosterImportInput, @Ctx() ctx: Context): Promise<ImportJob> {
    const unit = await loadUnit(ctx, input.unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.importUnitTeams', { unitName: unit.name });
    if (unit.level === UnitLevel.VILLAGE || unit.level === UnitLevel.DISTRICT) {
      throw invalidInput('unitCode', t('problems.communeOrProvinceFile'));
    }
    if (Boolean(input.content) === Boolean(input.uploadId)) throw invalidInput('input.uploadId', t('problems.uploadOrContent'));
    const uploadId = input.uploadId ?? randomUUID();
    const content = input.content ? decodeUpload(input.content, 'input.content') : await uploadedFile(ctx.db.manager, uploadId, ctx.viewer);
    if (!content) throw invalidInput('input.uploadId', t('problems.noUpload'));
    let started = false;
    const job = await once(
      ctx.db,
      { scope: `checkRosterImport:${ctx.viewer.subject}`, key: input.idempotencyKey, input: { ...input, content: sha256(content), uploadId: null } },
      async (manager) => {
        if (input.content) await storeWhole(manager, ctx.viewer, uploadId, content);
        else if (await manager.existsBy(ImportJob, { uploadId })) throw conflict(t('conflicts.uploadBeingImported'));
        started = true;
        const created = await manager.save(
          manager.create(ImportJob, {
            unitCode: unit.code,
            unitPath: unit.path,
            status: ImportJobStatus.CHECKING,
            format: input.format,
            contentHash: sha256(content),
            createdBy: ctx.viewer.subject,
            lawfulBasis: input.consent.basis,
            noticeVersion: input.consent.noticeVersion,
            consentChannel: input.consent.channel,
            uploadId,
            runner: newRunner(),
            failure: null,
          }),
        );
        // The upload holds personal data: who brought it in, when and under which notice is on the trail (not the file).
        const { contentHash, lawfulBasis, noticeVersion, consentChannel } = created;
        await audit(manager, ctx.viewer, { action: 'checkRosterImport', entity: created, unitPath: unit.path, after: { contentHash, lawfulBasis, noticeVersion, consentChannel } });
        return created;
      },
      (manager, id) => manager.findOneByOrFail(ImportJob, { id }),
    );
    if (started) inBackground(() => runJob(ctx.db, job, ctx.viewer, content));
    return job;
  }

  @Mutation(() => ImportJob, { description: 'Writes a checked roster file (the same file again), commune by commune, each all or nothing (a job: poll importJob)' })
  async confirmRosterImport(@Args() { jobId, content, idempotencyKey }: ConfirmRosterImportArgs, @Ctx() ctx: Context): Promise<ImportJob> {
    const checked = await loadJob(ctx, jobId);
    const file = content ? decodeUpload(content) : undefined;
    if (!file && !checked.uploadId) throw invalidInput('content', t('problems.importFileGone'));
    let started = false;
    const job = await once(
      ctx.db,
      { scope: `confirmRosterImport:${ctx.viewer.subject}`, key: idempotencyKey, input: { jobId, content: file ? sha256(file) : null } },
      async (manager) => {
        await claimForApply(manager, checked, file);
        await audit(manager, ctx.viewer, { action: 'confirmRosterImport', entity: checked, unitPath: checked.unitPath, after: { status: checked.status } });
        started = true;
        return checked;
      },
      (manager, id) => manager.findOneByOrFail(ImportJob, { id }),
    );
    if (started) inBackground(() => runJob(ctx.db, job, ctx.viewer, file));
    return job;
  }

  @Mutation(() => ImportUpload, {
    description:
      'Stores one slice of a file to import for a unit (its officers and admins): slices of at most 48 KiB, in order, each from the previous answer’s receivedBytes; a slice sent again is acknowledged, not stored twice. Then checkRosterImport(input: { uploadId })',
  })
  async uploadImportChunk(@Args() { unitCode, uploadId, offset, content }: UploadImportChunkArgs, @Ctx() ctx: Context): Promise<ImportUpload> {
    const unit = await loadUnit(ctx, unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.uploadFile', { unitName: unit.name });
    return appendSlice(ctx.db, ctx.viewer, unit, uploadId, offset, decodeUpload(content));
  }

  @Query(() => ImportJob, { nullable: true, description: 'An import’s status and counts, to follow its progress' })
  importJob(@Arg('id', () => ID, { description: 'The import’s identifier' }) id: string, @Ctx() ctx: Context): Promise<ImportJob> {
    return loadJob(ctx, id);
  }

  @FieldResolver(() => [ImportIssue], { description: 'Problems, warnings and converted values, by row' })
  issues(@Root() job: ImportJob, @Args() { kind, afterRow, first }: ImportIssuesArgs, @Ctx() ctx: Context): Promise<ImportIssue[]> {
    if (first < 1 || first > 1000) throw invalidInput('first', t('problems.from1To1000'));
    return ctx.db.manager.find(ImportIssue, {
      where: { jobId: job.id, row: MoreThan(afterRow), ...(kind ? { kind } : {}) },
      order: { row: 'ASC', field: 'ASC' },
      take: first,
    });
  }
}
