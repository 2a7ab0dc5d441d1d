import { canonicalJson } from '@homeward/translog';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findPartyByCode, findPartyById } from '../parties/parties.repository.ts';
import { ensurePartyKey } from '../transparency/keys.service.ts';
import { appendLogEntry, newEntry, privateKeyOf, publishCheckpoint } from '../transparency/log.service.ts';
import { collectContent } from './bundle-content.ts';
import { sealBundle, sha256Hex } from './bundle-format.ts';
import type { BundlePayload } from './bundle-payload.ts';
import { findCurrentEncryptionKey } from './encryption-keys.ts';
import { mediaOf, type ExchangeDeps } from './exchange.deps.ts';
import { findPartner, insertBundle, isOwnParty, lastBundle, lockPartner } from './exchange.repository.ts';

export interface ExportedBundle {
  bytes: Buffer;
  bundleId: string;
  from: string;
  to: string;
  sequence: number;
  sha256: string;
  counts: BundlePayload['manifest']['counts'];
}

/**
 * Builds, signs and encrypts a bundle of what `to` may see of the sender's records changed since
 * `since` (default: since the last bundle to that party), and enters its hash in the log.
 * @example const b = await exportBundle(deps, actor, { fromPartyId, to: 'UA-NIB' }); writeFileSync('x.hwx', b.bytes);
 */
export async function exportBundle(deps: ExchangeDeps, actor: Actor, input: { fromPartyId: string; to: string; since?: string | undefined }): Promise<ExportedBundle> {
  const sender = await findPartyById(deps.db, input.fromPartyId);
  if (!sender || !(await isOwnParty(deps.db, sender.id))) throw new AppError('PARTY_NOT_FOUND', 'The sending party is not a party of this instance.');
  const recipient = await findPartyByCode(deps.db, input.to);
  if (!recipient || !(await findPartner(deps.db, recipient.id))) {
    throw new AppError('EXCHANGE_PARTNER_UNKNOWN', `No partner with the code ${input.to} is registered here; import its party card first.`);
  }
  const encryptionKey = await findCurrentEncryptionKey(deps.db, recipient.id);
  if (!encryptionKey) throw new AppError('EXCHANGE_PARTNER_UNKNOWN', `${input.to} has no encryption key registered here; import its current party card.`);
  const createdAt = deps.clock.now();
  const previous = await lastBundle(deps.db, 'sent', sender.id, recipient.id);
  const since = input.since ? new Date(input.since) : (previous?.created_at ?? null);
  const content = await collectContent({ db: deps.db, clock: deps.clock, media: mediaOf(deps) }, sender, recipient, since);
  const counts = {
    dossiers: content.dossiers.length,
    requests: content.requests.length,
    attestations: content.attestations.length,
    caseEvents: content.caseEvents.length,
    files: content.files.length,
  };

  const out = await deps.db.transaction().execute(async (trx) => {
    await lockPartner(trx, recipient.id);
    const signingKey = await ensurePartyKey(trx, deps, sender.id, createdAt);
    const sequence = ((await lastBundle(trx, 'sent', sender.id, recipient.id))?.sequence ?? 0) + 1;
    const bundleId = randomUUID();
    const fields = { bundleId, from: sender.code, to: recipient.code, sequence, createdAt: createdAt.toISOString(), since: since?.toISOString() ?? null };
    const payload: BundlePayload = { manifest: { ...fields, counts }, ...content };
    const bytes = sealBundle(fields, gzipSync(Buffer.from(canonicalJson(payload), 'utf8')), { keyId: signingKey.key_id, privateKey: privateKeyOf(signingKey, deps.secret) }, {
      keyId: encryptionKey.key_id,
      publicKey: Buffer.from(encryptionKey.public_key, 'base64'),
    });
    const sha256 = sha256Hex(bytes);
    const logIndex = await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'exchange-bundle',
          party: sender.id,
          bundleId,
          bundleSha256: sha256,
          toParty: recipient.code,
          recordCount: Object.values(counts).reduce((a, b) => a + b, 0),
          meta: { direction: 'sent', fromParty: sender.code, sequence, ...counts },
        },
        createdAt,
      ),
    );
    await insertBundle(trx, {
      id: bundleId,
      direction: 'sent',
      sender_party_id: sender.id,
      recipient_party_id: recipient.id,
      sequence,
      since,
      created_at: createdAt,
      processed_at: deps.clock.now(),
      sha256,
      size: bytes.length,
      counts,
      log_index: logIndex,
      processed_by: actor.userId,
    });
    await recordAudit(trx, actor, {
      action: 'exchange.bundle.export',
      recordType: 'exchange_bundle',
      recordId: bundleId,
      fields: ['identity', 'sensitive'],
      details: { to: recipient.code, sequence, counts, dossiers: content.dossiers.map((d) => d.id), requests: content.requests.map((r) => r.id) },
    });
    return { bytes, bundleId, from: sender.code, to: recipient.code, sequence, sha256, counts };
  });
  await publishCheckpoint(deps);
  return out;
}
