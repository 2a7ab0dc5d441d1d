import { isRealPartialDate } from '@homeward/contracts';
import { ingestUpload, readDecrypted, storeEncrypted, type IngestResult } from '@homeward/media';
import type { Kysely } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { mapMediaErrors, toAppError } from './media.errors.ts';
import { findVisibleSubject, findWritableSubject, presentMedia, type PresentedMedia } from './media.policy.ts';
import {
  deleteMediaRow,
  findBlob,
  findBlobs,
  findMedia,
  findMediaOf,
  findReadyBySourceHash,
  insertPendingMedia,
  lockSubjectRow,
  markReady,
  photoPlacement,
  setBlobKey,
  type SubjectRef,
} from './media.repository.ts';
import type { MediaStorage } from './media.storage.ts';
import type { MediaKind, MediaSupplier, MediaVariantName } from './media.tables.ts';

export interface MediaDeps {
  db: Kysely<DB>;
  clock: Clock;
  storage: MediaStorage;
}

export interface UploadInput {
  bytes: Buffer;
  kind: MediaKind;
  takenOn?: string | null;
  suppliedBy?: MediaSupplier | null;
}

/**
 * Adds a photo or document to a subject. The upload is checked and cleaned first (type by content,
 * metadata stripped), then written in an order that never half-stores it: a `pending` row naming the
 * blobs, the encrypted blobs, then one transaction that records the keys, makes the row `ready`, places
 * the photo and writes the audit entry. Any failure removes what was written; a crash leaves a pending
 * row that `sweepMedia` clears. Uploading the same file to the same subject again returns the first one.
 */
export async function uploadMedia(deps: MediaDeps, actor: Actor, subject: SubjectRef, input: UploadInput): Promise<{ media: PresentedMedia; created: boolean }> {
  const { db, storage } = deps;
  const partyId = await db.transaction().execute(async (trx) => {
    const row = await findWritableSubject(trx, actor, subject, deps.clock.now());
    if (!row) throw notFound();
    return actor.partyId ?? row.party_id;
  });
  const sourceHash = createHash('sha256').update(input.bytes).digest('hex');
  const existing = await findReadyBySourceHash(db, subject, sourceHash, input.kind);
  if (existing) return { media: presentMedia(existing, await findBlobs(db, [existing.id])), created: false };

  const ingested = await mapMediaErrors(() => ingestUpload({ bytes: input.bytes, maxBytes: storage.maxBytes, kind: input.kind }));
  const blobs = ingested.variants.map((v) => ({ id: randomUUID(), variant: v }));
  const pending = await db.transaction().execute((trx) =>
    insertPendingMedia(
      trx,
      {
        subject_type: subject.type,
        subject_id: subject.id,
        kind: input.kind,
        status: 'pending',
        source_type: ingested.sourceType,
        source_hash: sourceHash,
        content_hash: ingested.contentHash,
        taken_on: input.takenOn !== undefined ? input.takenOn : takenOnFrom(ingested),
        captured_at: ingested.capturedAt ?? null,
        supplied_by: input.suppliedBy ?? null,
        party_id: partyId,
        uploaded_by: actor.userId,
        updated_at: deps.clock.now(),
      },
      blobs.map(({ id, variant: v }) => ({ id, variant: v.name, mime: v.mime, width: v.width, height: v.height, size: v.bytes.length, sha256: v.sha256 })),
    ),
  );
  const discard = async () => {
    for (const b of blobs) await storage.store.delete(b.id).catch(() => undefined);
    await deleteMediaRow(db, pending.id).catch(() => undefined);
  };
  try {
    const keys: Array<{ id: string; wrappedKey: string; keyId: string }> = [];
    for (const b of blobs) {
      const stored = await storeEncrypted(storage.store, { blobId: b.id, data: b.variant.bytes, master: storage.keys[0]! });
      keys.push({ id: b.id, wrappedKey: stored.wrappedKey, keyId: stored.keyId });
    }
    const ready = await db.transaction().execute(async (trx) => {
      await lockSubjectRow(trx, subject);
      const placement = input.kind === 'photo' ? await photoPlacement(trx, subject) : undefined;
      for (const k of keys) await setBlobKey(trx, k.id, k.wrappedKey, k.keyId);
      const row = await markReady(trx, pending.id, { position: placement?.nextPosition ?? null, isPrimary: placement ? !placement.hasPrimary : false });
      if (!row) throw new Error('pending media row vanished');
      await recordAudit(trx, actor, {
        action: 'media.create',
        recordType: 'media',
        recordId: row.id,
        fields: ['identity'],
        details: { subjectType: subject.type, subjectId: subject.id, kind: input.kind, contentHash: row.content_hash },
      });
      return row;
    });
    return { media: presentMedia(ready, await findBlobs(db, [ready.id])), created: true };
  } catch (error) {
    await discard();
    throw toAppError(error);
  }
}

function takenOnFrom(ingested: IngestResult): string | null {
  const day = ingested.capturedAt?.slice(0, 10);
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) && isRealPartialDate(day) ? day : null;
}

/** The ready media of a subject, photos in their order; the read is audited with every id returned. */
export async function listMedia(deps: MediaDeps, actor: Actor, subject: SubjectRef): Promise<PresentedMedia[]> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findVisibleSubject(trx, actor, subject, deps.clock.now()))) throw notFound();
    const rows = await findMediaOf(trx, subject);
    const blobs = await findBlobs(trx, rows.map((r) => r.id));
    if (rows.length) {
      await recordAudit(trx, actor, {
        action: 'media.list',
        recordType: 'media',
        recordId: null,
        fields: ['identity'],
        details: { subjectType: subject.type, subjectId: subject.id, ids: rows.map((r) => r.id) },
      });
    }
    return rows.map((r) => presentMedia(r, blobs));
  });
}

export async function getMedia(deps: MediaDeps, actor: Actor, id: string): Promise<PresentedMedia> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMedia(trx, id);
    if (!row || !(await findVisibleSubject(trx, actor, { type: row.subject_type, id: row.subject_id }, deps.clock.now()))) throw notFound();
    await recordAudit(trx, actor, { action: 'media.read', recordType: 'media', recordId: id, fields: ['identity'] });
    return presentMedia(row, await findBlobs(trx, [id]));
  });
}

export interface MediaContent {
  bytes: Buffer;
  mime: string;
  kind: MediaKind;
}

/**
 * The decrypted bytes of one variant, for a reader who may see the subject. The view is audited (in
 * its own committed transaction, before any byte leaves) and the bytes are checked against the hash
 * recorded at upload, so what is shown is what was attested.
 */
export async function readMediaContent(deps: MediaDeps, actor: Actor, id: string, variant: MediaVariantName): Promise<MediaContent> {
  const { row, blob } = await deps.db.transaction().execute(async (trx) => {
    const row = await findMedia(trx, id);
    if (!row || !(await findVisibleSubject(trx, actor, { type: row.subject_type, id: row.subject_id }, deps.clock.now()))) throw notFound();
    const blob = await findBlob(trx, id, variant);
    if (!blob?.wrapped_key) throw notFound();
    await recordAudit(trx, actor, { action: 'media.view', recordType: 'media', recordId: id, fields: ['identity'], details: { variant } });
    return { row, blob };
  });
  const bytes = await mapMediaErrors(() =>
    readDecrypted(deps.storage.store, { blobId: blob.id, wrappedKey: blob.wrapped_key!, masters: deps.storage.keys, contentHash: blob.sha256 }),
  );
  return { bytes, mime: blob.mime, kind: row.kind };
}
