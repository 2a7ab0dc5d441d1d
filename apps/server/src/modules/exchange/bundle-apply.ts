import type { TracingRequestInput } from '@homeward/contracts';
import { canonicalJson, parseEnvelope, verifiedSignatures } from '@homeward/translog';
import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { saveDossierBatch } from '../dossiers/dossiers.service.ts';
import { saveRequestBatch } from '../requests/requests.service.ts';
import { findSubjectsBySourceIds } from '../sources/source-records.repository.ts';
import { findKey } from '../transparency/keys.repository.ts';
import { publicKeyFromRawOf, sha256Hex } from './bundle-format.ts';
import type { BundleDossier, BundlePayload, BundleRequest, RecordRef } from './bundle-payload.ts';
import { findCopy, findOpenConflict, findSubjectState, insertRecords, setSubjectStatus, upsertCopy } from './exchange.repository.ts';
import type { ExchangeSubject } from './exchange.tables.ts';

export interface ApplyContext {
  trx: Executor;
  actor: Actor;
  bundleId: string;
  sender: { id: string; code: string };
  recipient: { id: string; code: string };
  now: Date;
}

export interface RecordTally {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  /** Local ids created or changed (matching runs on them after the commit). */
  changed: string[];
}

export const contentHash = (item: { status: string; record: unknown }) => sha256Hex(Buffer.from(canonicalJson({ status: item.status, record: item.record }), 'utf8'));

/** Writes one received record into the sender's records here and remembers what it left. */
export async function writeRecord(ctx: ApplyContext, type: ExchangeSubject, item: BundleDossier | BundleRequest): Promise<string> {
  const { trx, actor, sender, now } = ctx;
  let id: string;
  if (type === 'dossier') {
    const record = { ...(item as BundleDossier).record, sourceId: item.id };
    delete record.currentLocation.address; // restricted: never stored for another party, whatever a sender sends
    id = (await saveDossierBatch(trx, actor, sender.id, [record], now))[0]!.id;
  } else {
    const record = { ...(item as BundleRequest).record, sourceId: item.id } as unknown as TracingRequestInput;
    id = (await saveRequestBatch(trx, actor, sender.id, [record], now))[0]!.id;
  }
  const state = (await findSubjectState(trx, type, id))!;
  // A merged dossier here stays merged; the sender's merges arrive as closed dossiers.
  const status = item.status === 'merged' ? 'closed' : item.status;
  if (state.status !== status && state.status !== 'merged') await setSubjectStatus(trx, type, id, status);
  await upsertCopy(trx, { type, partyId: sender.id, sourceId: item.id, subjectId: id, sha256: contentHash(item), version: state.version, bundleId: ctx.bundleId, now });
  return id;
}

/**
 * Upserts received dossiers or requests by (sender, sender's id). A record changed here since it
 * was last received, and changed by the sender too, is not overwritten: both versions are kept and
 * a conflict is recorded for a person to resolve.
 */
export async function applyRecords(ctx: ApplyContext, type: ExchangeSubject, items: Array<BundleDossier | BundleRequest>): Promise<RecordTally> {
  const { trx, sender } = ctx;
  const tally: RecordTally = { created: 0, updated: 0, unchanged: 0, conflicts: 0, changed: [] };
  const known = await findSubjectsBySourceIds(trx, type, sender.id, items.map((i) => i.id));
  const provenance: Parameters<typeof insertRecords>[1] = [];
  for (const item of items) {
    const sha = contentHash(item);
    const localId = known.get(item.id);
    const copy = await findCopy(trx, type, sender.id, item.id);
    let outcome: 'created' | 'updated' | 'unchanged' | 'conflict';
    let subjectId = localId;
    if (!localId) {
      subjectId = await writeRecord(ctx, type, item);
      outcome = 'created';
    } else if (copy?.content_sha256 === sha) {
      outcome = 'unchanged';
    } else {
      const state = (await findSubjectState(trx, type, localId))!;
      if (copy && state.version !== copy.local_version) {
        await recordConflict(ctx, type, localId, item, sha, state.version);
        outcome = 'conflict';
      } else {
        await writeRecord(ctx, type, item);
        outcome = 'updated';
      }
    }
    tally[outcome === 'conflict' ? 'conflicts' : outcome]++;
    if (outcome === 'created' || outcome === 'updated') tally.changed.push(subjectId!);
    provenance.push({ bundle_id: ctx.bundleId, subject_type: type, source_id: item.id, subject_id: subjectId!, outcome, content_sha256: sha });
  }
  await insertRecords(trx, provenance);
  return tally;
}

async function recordConflict(ctx: ApplyContext, type: ExchangeSubject, subjectId: string, item: BundleDossier | BundleRequest, sha: string, localVersion: number) {
  const open = await findOpenConflict(ctx.trx, type, subjectId);
  const incoming = JSON.stringify(item);
  if (open) {
    await ctx.trx.updateTable('exchange_conflict').set({ bundle_id: ctx.bundleId, incoming, incoming_sha256: sha, local_version: localVersion }).where('id', '=', open.id).execute();
    return;
  }
  await ctx.trx
    .insertInto('exchange_conflict')
    .values({
      bundle_id: ctx.bundleId,
      recipient_party_id: ctx.recipient.id,
      party_id: ctx.sender.id,
      subject_type: type,
      subject_id: subjectId,
      source_id: item.id,
      incoming,
      incoming_sha256: sha,
      local_version: localVersion,
      created_at: ctx.now,
    })
    .execute();
}

/** The local id of a record a bundle names: this party's own, or the copy of the sender's. */
async function resolveRef(ctx: ApplyContext, type: ExchangeSubject, ref: RecordRef): Promise<string | null> {
  if (ref.party === ctx.recipient.code) {
    const row = await ctx.trx.selectFrom(type).select(['id', 'party_id']).where('id', '=', /^[0-9a-f-]{36}$/i.test(ref.id) ? ref.id : '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    return row?.party_id === ctx.recipient.id ? row.id : null;
  }
  if (ref.party !== ctx.sender.code) return null;
  return (await findSubjectsBySourceIds(ctx.trx, type, ctx.sender.id, [ref.id])).get(ref.id) ?? null;
}

/** Keeps the sender's attestations with their DSSE envelopes, each checked against the sender's registered key. */
export async function applyAttestations(ctx: ApplyContext, items: BundlePayload['attestations']) {
  let received = 0;
  let invalid = 0;
  for (const a of items) {
    const dossierId = await resolveRef(ctx, 'dossier', a.dossier);
    if (!dossierId) {
      invalid++;
      continue;
    }
    const key = await findKey(ctx.trx, a.keyId);
    let valid = false;
    if (key && key.party_id === ctx.sender.id) {
      try {
        valid = verifiedSignatures(parseEnvelope(a.envelope), publicKeyFromRawOf('Ed25519', Buffer.from(key.public_key, 'base64'))).length > 0;
      } catch {
        valid = false;
      }
    }
    if (!valid) invalid++;
    const inserted = await ctx.trx
      .insertInto('exchange_attestation')
      .values({
        party_id: ctx.sender.id,
        remote_id: a.id,
        bundle_id: ctx.bundleId,
        dossier_id: dossierId,
        claim: a.claim,
        decision: a.decision,
        key_id: a.keyId,
        signed_at: new Date(a.signedAt),
        envelope: JSON.stringify(a.envelope),
        signature_valid: valid,
      })
      .onConflict((oc) => oc.columns(['party_id', 'remote_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) received++;
  }
  return { received, invalid };
}

/** Keeps the status changes of shared cases as the sender recorded them, linked to the local records. */
export async function applyCaseEvents(ctx: ApplyContext, items: BundlePayload['caseEvents']) {
  let received = 0;
  for (const e of items) {
    const inserted = await ctx.trx
      .insertInto('exchange_case_event')
      .values({
        party_id: ctx.sender.id,
        remote_event_id: e.id,
        bundle_id: ctx.bundleId,
        remote_case_id: e.caseId,
        dossier_id: await resolveRef(ctx, 'dossier', e.dossier),
        request_id: await resolveRef(ctx, 'tracing_request', e.request),
        from_status: e.from,
        to_status: e.to,
        reason: e.reason,
        at: new Date(e.at),
      })
      .onConflict((oc) => oc.columns(['party_id', 'remote_event_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) received++;
  }
  return received;
}
