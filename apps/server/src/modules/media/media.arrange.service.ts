import { AppError, notFound, validationFailed } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findWritableSubject, presentMedia, type PresentedMedia } from './media.policy.ts';
import {
  deleteMediaRow,
  findBlobs,
  findMedia,
  findMediaOf,
  lockSubjectRow,
  markDeleted,
  setPrimary,
  updateMediaFields,
  type SubjectRef,
} from './media.repository.ts';
import type { MediaPatch } from './media.schemas.ts';
import type { MediaDeps } from './media.service.ts';

const subjectOf = (row: { subject_type: SubjectRef['type']; subject_id: string }): SubjectRef => ({ type: row.subject_type, id: row.subject_id });

/** Sets a file's date and supplier, or makes a photo the subject's primary photo. */
export async function patchMedia(deps: MediaDeps, actor: Actor, id: string, patch: MediaPatch): Promise<PresentedMedia> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMedia(trx, id);
    if (!row || !(await findWritableSubject(trx, actor, subjectOf(row), deps.clock.now()))) throw notFound();
    if (patch.primary && row.kind !== 'photo') throw validationFailed([{ path: 'primary', message: 'only a photo can be the primary photo' }]);
    await lockSubjectRow(trx, subjectOf(row));
    const fields: Parameters<typeof updateMediaFields>[2] = {};
    if (patch.takenOn !== undefined) fields.taken_on = patch.takenOn;
    if (patch.suppliedBy !== undefined) fields.supplied_by = patch.suppliedBy;
    if (Object.keys(fields).length) await updateMediaFields(trx, id, fields);
    if (patch.primary) await setPrimary(trx, subjectOf(row), id);
    await recordAudit(trx, actor, { action: 'media.update', recordType: 'media', recordId: id, fields: Object.keys(patch) });
    const updated = await findMedia(trx, id);
    return presentMedia(updated!, await findBlobs(trx, [id]));
  });
}

/** Puts a subject's photos in the order given; `ids` must name each of its photos exactly once. */
export async function orderPhotos(deps: MediaDeps, actor: Actor, subject: SubjectRef, ids: readonly string[]): Promise<PresentedMedia[]> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findWritableSubject(trx, actor, subject, deps.clock.now()))) throw notFound();
    await lockSubjectRow(trx, subject);
    const photos = (await findMediaOf(trx, subject)).filter((r) => r.kind === 'photo');
    const given = ids.map((i) => i.toLowerCase());
    const known = new Set(photos.map((p) => p.id));
    if (new Set(given).size !== given.length || given.length !== known.size || !given.every((i) => known.has(i))) {
      throw validationFailed([{ path: 'ids', message: `must list each of the ${known.size} photos exactly once` }]);
    }
    for (const [position, id] of given.entries()) await updateMediaFields(trx, id, { position });
    await recordAudit(trx, actor, { action: 'media.reorder', recordType: 'media', recordId: null, details: { subjectType: subject.type, subjectId: subject.id, ids: given } });
    const rows = await findMediaOf(trx, subject);
    const blobs = await findBlobs(trx, rows.map((r) => r.id));
    return rows.map((r) => presentMedia(r, blobs));
  });
}

/**
 * Removes a file: it disappears at once (tombstone, audited, in one transaction) and its blobs are
 * deleted after commit; if that fails or the process dies, `sweepMedia` finishes the job. Deleting the
 * primary photo promotes the next photo in order.
 */
export async function deleteMedia(deps: MediaDeps, actor: Actor, id: string): Promise<void> {
  const removed = await deps.db.transaction().execute(async (trx) => {
    const row = await findMedia(trx, id);
    if (!row || !(await findWritableSubject(trx, actor, subjectOf(row), deps.clock.now()))) throw notFound();
    await lockSubjectRow(trx, subjectOf(row));
    const deleted = await markDeleted(trx, id);
    if (!deleted) throw new AppError('VERSION_CONFLICT', 'This file was changed by someone else; reload and try again.');
    if (row.is_primary) {
      const next = (await findMediaOf(trx, subjectOf(row))).find((r) => r.kind === 'photo');
      if (next) await setPrimary(trx, subjectOf(row), next.id);
    }
    await recordAudit(trx, actor, { action: 'media.delete', recordType: 'media', recordId: id, details: { subjectType: row.subject_type, subjectId: row.subject_id } });
    return findBlobs(trx, [id]);
  });
  try {
    for (const b of removed) await deps.storage.store.delete(b.id);
    await deleteMediaRow(deps.db, id);
  } catch {
    // Left as a tombstone for the sweep: the file is already invisible.
  }
}
