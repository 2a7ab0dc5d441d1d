import type { BundleImportReport } from '@homeward/contracts';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { proposeForNewDossier } from '../matching/matching.runs.ts';
import { proposeForRequest } from '../matching/matching.service.ts';
import { uploadMedia } from '../media/media.service.ts';
import { findPartyByCode, findPartyById } from '../parties/parties.repository.ts';
import { findSubjectsBySourceIds } from '../sources/source-records.repository.ts';
import { findKey } from '../transparency/keys.repository.ts';
import { appendLogEntry, newEntry, publishCheckpoint } from '../transparency/log.service.ts';
import { applyAttestations, applyCaseEvents, applyRecords, type ApplyContext, type RecordTally } from './bundle-apply.ts';
import { openBundle, parseBundle, publicKeyFromRawOf, sha256Hex, verifyBundle, type ParsedBundle } from './bundle-format.ts';
import { bundlePayload, type BundlePayload } from './bundle-payload.ts';
import { encryptionPrivateKeyOf, findEncryptionKey } from './encryption-keys.ts';
import { mediaOf, type ExchangeDeps } from './exchange.deps.ts';
import { findBundle, findPartner, insertBundle, isOwnParty, lastBundle, lockPartner, setBundleReport } from './exchange.repository.ts';

type Party = { id: string; code: string };

/** Every check that needs no decryption: recipient, sender, key, signature, replay. Nothing is written. */
async function checkBundle(deps: ExchangeDeps, actor: Actor, parsed: ParsedBundle) {
  const h = parsed.header;
  const recipient = await findPartyByCode(deps.db, h.to);
  const mine = actor.kind === 'system' ? null : await findPartyById(deps.db, actor.partyId ?? '');
  if (!recipient || !(await isOwnParty(deps.db, recipient.id)) || (mine && mine.id !== recipient.id)) {
    throw new AppError('BUNDLE_WRONG_RECIPIENT', `This bundle is addressed to ${h.to}, not to ${mine ? mine.code : 'a party of this instance'}; nothing was imported.`);
  }
  const sender = await findPartyByCode(deps.db, h.from);
  if (!sender || !(await findPartner(deps.db, sender.id))) {
    throw new AppError('BUNDLE_SIGNER_UNKNOWN', `The sender ${h.from} is not a registered partner here (import its party card first); nothing was imported.`);
  }
  const key = await findKey(deps.db, h.signingKeyId);
  if (!key || key.party_id !== sender.id || key.purpose !== 'attestation') {
    throw new AppError('BUNDLE_SIGNER_UNKNOWN', `The bundle is signed by a key not registered here for ${h.from}; nothing was imported.`);
  }
  if (key.revoked_at) {
    throw new AppError('BUNDLE_KEY_REVOKED', `The bundle is signed by a key of ${h.from} that was revoked on ${key.revoked_at.toISOString().slice(0, 10)} (${key.revocation_reason}); nothing was imported.`);
  }
  if (!verifyBundle(parsed, publicKeyFromRawOf('Ed25519', Buffer.from(key.public_key, 'base64')))) {
    throw new AppError('BUNDLE_TAMPERED', `The bundle was altered after ${h.from} signed it; nothing was imported.`);
  }
  const encryptionKey = await findEncryptionKey(deps.db, h.encryption.recipientKeyId);
  if (!encryptionKey || encryptionKey.party_id !== recipient.id || !encryptionKey.sealed_private_key) {
    throw new AppError('BUNDLE_WRONG_RECIPIENT', `The bundle is encrypted to a key ${h.to} does not hold here; nothing was imported.`);
  }
  return { recipient, sender, encryptionKey };
}

function readPayload(parsed: ParsedBundle, plaintext: Buffer): BundlePayload {
  let value: unknown;
  try {
    value = JSON.parse(gunzipSync(plaintext, { maxOutputLength: 2 * 1024 ** 3 }).toString('utf8'));
  } catch {
    throw new AppError('BUNDLE_MALFORMED', 'The bundle’s content is damaged; nothing was imported.');
  }
  const result = bundlePayload.safeParse(value);
  if (!result.success) throw new AppError('BUNDLE_MALFORMED', 'The bundle’s content does not have the expected shape; nothing was imported.');
  const m = result.data.manifest;
  const h = parsed.header;
  if (m.bundleId !== h.bundleId || m.from !== h.from || m.to !== h.to || m.sequence !== h.sequence) {
    throw new AppError('BUNDLE_TAMPERED', 'The bundle’s manifest does not match its signed header; nothing was imported.');
  }
  return result.data;
}

function refuseReplay(h: ParsedBundle['header'], last: { sequence: number } | undefined) {
  if (last && h.sequence <= last.sequence) {
    throw new AppError('BUNDLE_REPLAYED', `This is bundle ${h.sequence} from ${h.from}, but bundles up to ${last.sequence} were already imported: an old bundle replayed; nothing was imported.`);
  }
}

/** Photos after the commit (media is stored in its own steps); attaching is idempotent by content. */
async function attachFiles(deps: ExchangeDeps, sender: Party, files: BundlePayload['files']) {
  let attached = 0;
  let rejected = 0;
  const media = mediaOf(deps);
  for (const f of files) {
    const dossierId = (await findSubjectsBySourceIds(deps.db, 'dossier', sender.id, [f.dossierId])).get(f.dossierId);
    const bytes = Buffer.from(f.data, 'base64');
    if (!dossierId || sha256Hex(bytes) !== f.sha256) {
      rejected++;
      continue;
    }
    try {
      const r = await uploadMedia({ db: deps.db, clock: deps.clock, storage: media() }, systemActor(sender.id), { type: 'dossier', id: dossierId }, { bytes, kind: 'photo', takenOn: f.takenOn, suppliedBy: f.suppliedBy });
      if (r.created) attached++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      rejected++;
    }
  }
  return { attached, rejected };
}

async function runMatching(deps: ExchangeDeps, dossiers: string[], requests: string[]) {
  let proposals = 0;
  for (const id of dossiers) {
    const r = await proposeForNewDossier(deps, id);
    proposals += r.requests + r.duplicates;
  }
  for (const id of requests) proposals += (await proposeForRequest(deps, id)).length;
  return proposals;
}

/**
 * Checks and imports a bundle: refused with a clear reason (and nothing written) when it is
 * malformed, truncated, for another party, from an unknown or revoked key, altered, or an old one
 * replayed. The same bundle again is answered with its first report and changes nothing.
 * @example const report = await importBundle(deps, systemActor(), readFileSync('from-ua.hwx'));
 */
export async function importBundle(deps: ExchangeDeps, actor: Actor, bytes: Buffer): Promise<BundleImportReport> {
  const parsed = parseBundle(bytes);
  const h = parsed.header;
  const { recipient, sender, encryptionKey } = await checkBundle(deps, actor, parsed);
  const sha256 = sha256Hex(bytes);
  const seen = await findBundle(deps.db, h.bundleId);
  if (seen) {
    if (seen.direction === 'received' && seen.sha256 === sha256 && seen.report) return { ...(seen.report as BundleImportReport), status: 'already-imported' };
    throw new AppError('BUNDLE_REPLAYED', 'A different bundle with this id was already imported; nothing was imported.');
  }
  const previous = await lastBundle(deps.db, 'received', sender.id, recipient.id);
  refuseReplay(h, previous);
  const payload = readPayload(parsed, openBundle(parsed, encryptionPrivateKeyOf(encryptionKey, deps.secret)));
  const counts = payload.manifest.counts;
  const now = deps.clock.now();

  const applied = await deps.db.transaction().execute(async (trx) => {
    await lockPartner(trx, sender.id);
    if (await findBundle(trx, h.bundleId)) throw new AppError('BUNDLE_REPLAYED', 'This bundle is being imported by another process; nothing was imported.');
    const last = await lastBundle(trx, 'received', sender.id, recipient.id);
    refuseReplay(h, last);
    const logIndex = await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'exchange-bundle',
          party: sender.id,
          bundleId: h.bundleId,
          bundleSha256: sha256,
          toParty: recipient.code,
          recordCount: Object.values(counts).reduce((a, b) => a + b, 0),
          meta: { direction: 'received', fromParty: sender.code, sequence: h.sequence, ...counts },
        },
        now,
      ),
    );
    await insertBundle(trx, {
      id: h.bundleId,
      direction: 'received',
      sender_party_id: sender.id,
      recipient_party_id: recipient.id,
      sequence: h.sequence,
      since: h.since ? new Date(h.since) : null,
      created_at: new Date(h.createdAt),
      processed_at: now,
      sha256,
      size: bytes.length,
      counts,
      log_index: logIndex,
      processed_by: actor.userId,
    });
    const ctx: ApplyContext = { trx, actor, bundleId: h.bundleId, sender, recipient, now };
    const dossiers = await applyRecords(ctx, 'dossier', payload.dossiers);
    const requests = await applyRecords(ctx, 'tracing_request', payload.requests);
    const attestations = await applyAttestations(ctx, payload.attestations);
    const caseEvents = await applyCaseEvents(ctx, payload.caseEvents);
    const result = { logIndex, dossiers, requests, attestations, caseEvents, missed: last ? range(last.sequence + 1, h.sequence) : range(1, h.sequence) };
    // Stored now, so a repeated import is answered even if what follows the commit is interrupted.
    await setBundleReport(trx, h.bundleId, reportOf(h, sha256, counts, result, { attached: 0, rejected: 0 }, 0));
    await recordAudit(trx, actor, {
      action: 'exchange.bundle.import',
      recordType: 'exchange_bundle',
      recordId: h.bundleId,
      details: { from: sender.code, sequence: h.sequence, counts },
    });
    return result;
  });

  const files = await attachFiles(deps, sender, payload.files);
  const proposals = await runMatching(deps, applied.dossiers.changed, applied.requests.changed);
  const report = reportOf(h, sha256, counts, applied, files, proposals);
  await setBundleReport(deps.db, h.bundleId, report);
  await publishCheckpoint(deps);
  return report;
}

interface Applied {
  logIndex: number;
  dossiers: RecordTally;
  requests: RecordTally;
  attestations: { received: number; invalid: number };
  caseEvents: number;
  missed: number[];
}

function reportOf(h: ParsedBundle['header'], sha256: string, counts: BundleImportReport['counts'], a: Applied, files: BundleImportReport['files'], proposals: number): BundleImportReport {
  const tally = (t: RecordTally) => ({ created: t.created, updated: t.updated, unchanged: t.unchanged, conflicts: t.conflicts });
  return {
    status: 'imported',
    bundleId: h.bundleId,
    from: h.from,
    to: h.to,
    sequence: h.sequence,
    sha256,
    counts,
    dossiers: tally(a.dossiers),
    requests: tally(a.requests),
    attestations: a.attestations,
    caseEvents: a.caseEvents,
    files,
    matching: { proposals },
    missedSequences: a.missed,
    logIndex: a.logIndex,
  };
}

const range = (from: number, to: number) => Array.from({ length: Math.min(Math.max(0, to - from), 1000) }, (_, i) => from + i);
