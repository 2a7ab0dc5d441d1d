import { exportPermission, type CreateExport, type ExportSummary, type Permission } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { appendLogEntry, newEntry, OPERATOR, publishCheckpoint } from '../transparency/log.service.ts';
import { writeExportContent } from './exports.content.ts';
import { encryptExport, generatePassphrase, isUsableRecipient } from './exports.crypto.ts';
import { exportFileName, exportSettings, expiryOf, isExpired, type ExportSettings } from './exports.policy.ts';
import { deleteCiphertexts, findExpiredHeld, findExportsOf, insertExport, lockExport, markDownloaded } from './exports.repository.ts';

export interface ExportDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: the transparency log's checkpoint key is kept under it. */
  secret: Buffer;
  /** Export lifetimes; read from the environment when absent. */
  exportSettings?: ExportSettings;
}

/** Whether the caller holds a permission (their roles, narrowed by an API token's scope). */
export type Holds = (p: Permission) => boolean;

/** The operator on the server's machine (`homeward export`) holds every export permission. */
export const operatorHolds: Holds = () => true;

export interface CreateOptions {
  /** Keep the ciphertext for download until expiry (API); a CLI export is written to the operator's file only. */
  keep: boolean;
  /** Why the operator made it (CLI): the audit entry's reason. */
  note?: string;
}

export interface NewExport {
  summary: ExportSummary;
  ciphertext: Buffer;
  /** Shown once, in the answer to its creation; stored nowhere. */
  passphrase: string | null;
}

const forbidden = () => new AppError('FORBIDDEN', 'Your role does not allow exports in this format.');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const filtersOf = (input: CreateExport): Record<string, string> => {
  if (input.kind === 'report-pdf') return { month: input.month, lang: input.lang };
  if (input.kind === 'subject-access') return { dossierId: input.dossierId };
  return input.partyCode ? { partyCode: input.partyCode } : {};
};

type Listed = Awaited<ReturnType<typeof findExportsOf>>[number];

function present(row: Listed, now: Date): ExportSummary {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    recordCount: row.record_count,
    filters: row.filters,
    encryption: row.encryption,
    recipient: row.recipient,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    firstDownloadedAt: row.first_downloaded_at?.toISOString() ?? null,
    downloadCount: row.download_count,
    status: isExpired({ expires_at: row.expires_at, ciphertext: row.held ? true : null }, now) ? 'expired' : 'available',
  };
}

async function partyCodeOf(db: Kysely<DB>, partyId: string | null): Promise<string> {
  if (!partyId) return OPERATOR;
  return (await db.selectFrom('party').select('code').where('id', '=', partyId).executeTakeFirstOrThrow()).code;
}

/**
 * Makes one export: checks the format's permission, writes the content watermarked with the
 * export's id, the user, the time and the expiry, encrypts it with age (to the recipient given,
 * else to a fresh passphrase returned once), and records it: the row, the `export.create` audit
 * entry with the ids of every record in it, and a transparency-log entry (hash and count only),
 * in one transaction. Nothing of the plaintext is stored.
 */
export async function createExport(deps: ExportDeps, actor: Actor, holds: Holds, input: CreateExport, opts: CreateOptions): Promise<NewExport> {
  if (!holds(exportPermission(input))) throw forbidden();
  const now = deps.clock.now();
  const expiresAt = expiryOf(now, input.expiresInHours, deps.exportSettings ?? exportSettings());
  // Before anything is read: a bad key must not leave a read audited for an export never made.
  if (input.recipient && !(await isUsableRecipient(input.recipient))) {
    throw validationFailed([{ path: 'body.recipient', message: 'is not a valid age public key' }]);
  }
  const id = randomUUID();
  const watermark = { exportId: id, userId: actor.userId ?? OPERATOR, partyCode: await partyCodeOf(deps.db, actor.partyId), createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
  const content = await writeExportContent(deps, actor, input, watermark);
  const passphrase = input.recipient ? null : generatePassphrase();
  const ciphertext = await encryptExport(content.bytes, passphrase ? { passphrase } : { recipient: input.recipient! });
  const ciphertextSha256 = sha256(ciphertext);
  const filters = filtersOf(input);
  const row = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertExport(trx, {
      id,
      user_id: actor.userId,
      party_id: actor.partyId,
      kind: input.kind,
      format: input.format,
      filters: JSON.stringify(filters),
      record_count: content.recordIds.length,
      encryption: passphrase ? 'passphrase' : 'recipient',
      recipient: input.recipient ?? null,
      file_name: exportFileName(id, content.extension),
      ciphertext: opts.keep ? ciphertext : null,
      ciphertext_sha256: ciphertextSha256,
      size_bytes: ciphertext.length,
      note: opts.note ?? null,
      created_at: now,
      expires_at: expiresAt,
      first_downloaded_at: null,
      deleted_at: null,
    });
    await recordAudit(trx, actor, {
      action: 'export.create',
      recordType: 'export',
      recordId: id,
      fields: content.fields,
      reason: opts.note ?? null,
      details: { kind: input.kind, format: input.format, filters, recordType: content.recordType, count: content.recordIds.length, ids: content.recordIds, encryption: inserted.encryption, ciphertextSha256, expiresAt: expiresAt.toISOString() },
    });
    await appendLogEntry(
      trx,
      newEntry({ kind: 'status-transition', party: actor.partyId ?? OPERATOR, subjectRef: `export/${id}`, from: 'none', to: 'created', meta: { exportKind: input.kind, format: input.format, recordCount: content.recordIds.length, ciphertextSha256 } }, now),
    );
    return inserted;
  });
  await publishCheckpoint(deps);
  return { summary: present({ ...row, held: row.ciphertext !== null }, now), ciphertext, passphrase };
}

/** The caller's own exports, newest first (ids, counts and times). */
export async function listExports(deps: ExportDeps, actor: Actor, limit: number): Promise<{ items: ExportSummary[] }> {
  if (!actor.userId) return { items: [] };
  const now = deps.clock.now();
  return { items: (await findExportsOf(deps.db, actor.userId, limit)).map((r) => present(r, now)) };
}

/**
 * The ciphertext, to its creator only (anyone else: 404) while they still hold the format's
 * permission, and only before expiry (410 EXPORT_EXPIRED, whether or not the job has deleted it
 * yet). Each download is audited.
 */
export async function downloadExport(deps: ExportDeps, actor: Actor, holds: Holds, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockExport(trx, id);
    if (!row || !actor.userId || row.user_id !== actor.userId) throw notFound();
    if (!holds(exportPermission(row))) throw forbidden();
    if (isExpired(row, now)) throw new AppError('EXPORT_EXPIRED', 'This export has expired and its file is gone; make a new export.');
    await markDownloaded(trx, id, now);
    await recordAudit(trx, actor, {
      action: 'export.download',
      recordType: 'export',
      recordId: id,
      details: { kind: row.kind, format: row.format, count: row.record_count, ciphertextSha256: row.ciphertext_sha256 },
    });
    return { fileName: row.file_name, bytes: Buffer.from(row.ciphertext!) };
  });
}

/** Deletes the ciphertext of every export past its expiry, in batches, each audited (`export.expire`). */
export async function expireExports(deps: { db: Kysely<DB>; clock: Clock }, batch = 200): Promise<number> {
  const now = deps.clock.now();
  let total = 0;
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const due = await findExpiredHeld(trx, now, batch);
      await deleteCiphertexts(trx, due.map((d) => d.id), now);
      await recordAudit(
        trx,
        systemActor(),
        due.map((d) => ({ action: 'export.expire', recordType: 'export', recordId: d.id, details: { kind: d.kind, format: d.format, userId: d.user_id, ciphertextSha256: d.ciphertext_sha256 } })),
      );
      return due.length;
    });
    total += done;
    if (done < batch) return total;
  }
}
