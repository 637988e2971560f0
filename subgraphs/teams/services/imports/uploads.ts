import { LessThan, type EntityManager } from 'typeorm';
import { audit } from '../../../common/audit';
import type { Viewer } from '../../../common/auth';
import type { Database } from '../../../common/database';
import { conflict, forbidden, invalidInput } from '../../../common/errors';
import { idempotentTransaction } from '../../../common/idempotency';
import { MAX_UPLOAD_BYTES } from '../../../common/spreadsheets';
import { ImportUploadChunk, type AdministrativeUnit } from '../../entities';
import { t } from '../../../common/messages';

/**
 * Files for imports, uploaded in slices through GraphQL (`uploadImportChunk`), each request far
 * under the gateway's body limit (which stays 1 MB for everything else). Chosen for officers on
 * weak mobile connections: a dropped connection costs one slice, sent again alone (a slice
 * already stored is acknowledged, not stored twice), never the whole province's file; and the
 * file is kept in the database until its import ends, so confirming does not send it again and
 * a job stopped with its process resumes from it in whichever process of the subgraph runs next.
 */

/** The largest slice: a blob column holds 64 KB on MariaDB, and a slice a few seconds long on a 2G/3G link is cheap to resend. */
export const UPLOAD_CHUNK_BYTES = 48 * 1024;

/** Slices of uploads never imported are deleted after this long. */
const ABANDONED_AFTER_MS = 7 * 24 * 3600 * 1000;

export interface UploadState {
  id: string;
  receivedBytes: number;
}

async function slicesOf(manager: EntityManager, uploadId: string, viewer: Viewer) {
  const slices = await manager.find(ImportUploadChunk, { select: { offset: true, size: true, createdBy: true }, where: { uploadId }, order: { offset: 'ASC' } });
  if (slices.some((slice) => slice.createdBy !== viewer.subject)) throw forbidden(t('refusals.othersUpload'));
  return slices;
}

const receivedBytes = (slices: { size: number }[]) => slices.reduce((sum, slice) => sum + slice.size, 0);

/**
 * Stores the slice of `uploadId` that starts at `offset`: it must start where the stored ones end;
 * the same slice sent again (its answer lost on the way) is acknowledged without storing it twice.
 */
export function appendSlice(db: Database, viewer: Viewer, unit: AdministrativeUnit, uploadId: string, offset: number, bytes: Buffer): Promise<UploadState> {
  if (bytes.length === 0 || bytes.length > UPLOAD_CHUNK_BYTES) throw invalidInput('content', t('problems.sliceSize', { UPLOAD_CHUNK_BYTES }));
  return idempotentTransaction(db, async (manager) => {
    const slices = await slicesOf(manager, uploadId, viewer);
    const received = receivedBytes(slices);
    if (offset < received) {
      const stored = await manager.findOneBy(ImportUploadChunk, { uploadId, offset });
      if (!stored || !stored.bytes.equals(bytes)) throw conflict(t('conflicts.differentSlice'), { receivedBytes: received });
      return { id: uploadId, receivedBytes: received };
    }
    if (offset > received) throw invalidInput('offset', t('problems.offsetReceived', { received }));
    if (received + bytes.length > MAX_UPLOAD_BYTES) throw invalidInput('content', t('problems.uploadTooLarge', { value: MAX_UPLOAD_BYTES / 1024 / 1024 }));
    const slice = manager.create(ImportUploadChunk, { uploadId, offset, size: bytes.length, bytes, createdBy: viewer.subject! });
    await manager.insert(ImportUploadChunk, slice);
    // Where and how much, never what: the file holds personal data.
    await audit(manager, viewer, { action: 'uploadImportChunk', entity: slice, unitPath: unit.path, after: { uploadId, offset, size: bytes.length } });
    return { id: uploadId, receivedBytes: received + bytes.length };
  });
}

/** Stores a file sent whole (base64 in the request) as an upload of its own, for the job to keep. */
export async function storeWhole(manager: EntityManager, viewer: Viewer, uploadId: string, content: Buffer): Promise<void> {
  const slices = [];
  for (let offset = 0; offset < content.length; offset += UPLOAD_CHUNK_BYTES) {
    const bytes = content.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    slices.push({ uploadId, offset, size: bytes.length, bytes, createdBy: viewer.subject ?? 'system' });
  }
  // One slice a statement: a multi-row insert of blobs could pass MariaDB's max_allowed_packet.
  for (const slice of slices) await manager.insert(ImportUploadChunk, manager.create(ImportUploadChunk, slice));
}

/** The uploaded file, whole, or null when nothing was uploaded under this id; refused when it is someone else's. */
export async function uploadedFile(manager: EntityManager, uploadId: string, viewer: Viewer | null): Promise<Buffer | null> {
  const slices = await manager.find(ImportUploadChunk, { where: { uploadId }, order: { offset: 'ASC' } });
  if (slices.length === 0) return null;
  if (viewer && slices.some((slice) => slice.createdBy !== viewer.subject)) throw forbidden(t('refusals.othersUpload'));
  return Buffer.concat(slices.map((slice) => slice.bytes));
}

/** The file is personal data: gone once its import has ended. */
export async function discardUpload(db: Database, uploadId: string | null): Promise<void> {
  if (uploadId) await db.manager.delete(ImportUploadChunk, { uploadId });
}

/** Slices of uploads nobody imported (or whose job was left unconfirmed) after a week. */
export async function discardAbandonedUploads(db: Database, now = Date.now()): Promise<void> {
  await db.manager.delete(ImportUploadChunk, { createdAt: LessThan(new Date(now - ABANDONED_AFTER_MS)) });
}
