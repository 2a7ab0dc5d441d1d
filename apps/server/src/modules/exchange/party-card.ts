import { partyCard, type PartyCard } from '@homeward/contracts';
import { canonicalJson } from '@homeward/translog';
import { sign, verify } from 'node:crypto';
import { AppError, fromZodIssues } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findPartyByCode, insertParty } from '../parties/parties.repository.ts';
import { ensurePartyKey } from '../transparency/keys.service.ts';
import { findKey, findKeysOfParty, insertPartyKey, revokeKey } from '../transparency/keys.repository.ts';
import { appendLogEntry, newEntry, privateKeyOf, publishCheckpoint, type LogDeps } from '../transparency/log.service.ts';
import { publicKeyFromRawOf, sha256Hex } from './bundle-format.ts';
import { ensureEncryptionKey, findCurrentEncryptionKey, insertEncryptionKey, revokeEncryptionKey } from './encryption-keys.ts';
import { findPartner, hasLocalPresence, isOwnParty, upsertPartner } from './exchange.repository.ts';

const CONTEXT = 'homeward-party-card/v1\n';
const signedBytes = (card: Omit<PartyCard, 'signatures'>) => Buffer.from(CONTEXT + canonicalJson(card), 'utf8');
const invalid = (why: string) => new AppError('PARTY_CARD_INVALID', `The party card was refused: ${why}.`);

/**
 * This instance's party card for one of its own parties: its signing keys (with revocations), its
 * encryption key, signed by every signing key whose private half it holds and that was not
 * compromised, so a partner that knows an older key can follow a rotation.
 */
export async function exportPartyCard(deps: LogDeps, partyCode: string): Promise<PartyCard> {
  const card = await deps.db.transaction().execute(async (trx) => {
    const party = await findPartyByCode(trx, partyCode);
    if (!party || !(await isOwnParty(trx, party.id))) throw new AppError('PARTY_NOT_FOUND', `No party of this instance has the code ${partyCode}.`);
    const now = deps.clock.now();
    await ensurePartyKey(trx, deps, party.id, now);
    const enc = await ensureEncryptionKey(trx, deps.secret, party.id, now);
    const keys = (await findKeysOfParty(trx, party.id)).filter((k) => k.purpose === 'attestation');
    const body: Omit<PartyCard, 'signatures'> = {
      format: 'homeward-party-card',
      version: 1,
      party: { code: party.code, name: party.name, kind: party.kind as PartyCard['party']['kind'] },
      signingKeys: keys.map((k) => ({
        keyId: k.key_id,
        publicKey: k.public_key,
        validFrom: k.valid_from.toISOString(),
        revokedAt: k.revoked_at?.toISOString() ?? null,
        revocationReason: (k.revocation_reason as PartyCard['signingKeys'][number]['revocationReason']) ?? null,
      })),
      encryptionKey: { keyId: enc.key_id, publicKey: enc.public_key, createdAt: enc.created_at.toISOString() },
      issuedAt: now.toISOString(),
    };
    const message = signedBytes(body);
    const signatures = keys
      .filter((k) => k.encrypted_private_key && k.revocation_reason !== 'compromised')
      .map((k) => ({ keyId: k.key_id, sig: sign(null, message, privateKeyOf(k, deps.secret)).toString('base64') }));
    return { ...body, signatures };
  });
  await publishCheckpoint(deps);
  return card;
}

function checkCard(value: unknown): { card: PartyCard; signedBy: string[] } {
  const parsed = partyCard.safeParse(value);
  if (!parsed.success) throw new AppError('PARTY_CARD_INVALID', 'The party card is not valid.', { issues: fromZodIssues(parsed.error.issues) });
  const card = parsed.data;
  for (const k of [...card.signingKeys, card.encryptionKey]) {
    if (sha256Hex(Buffer.from(k.publicKey, 'base64')) !== k.keyId) throw invalid('a key id does not match its key');
  }
  const { signatures, ...body } = card;
  const message = signedBytes(body);
  const signedBy = signatures.flatMap((s) => {
    const key = card.signingKeys.find((k) => k.keyId === s.keyId);
    if (!key || key.revocationReason === 'compromised') return [];
    const ok = verify(null, message, publicKeyFromRawOf('Ed25519', Buffer.from(key.publicKey, 'base64')), Buffer.from(s.sig, 'base64'));
    return ok ? [s.keyId] : [];
  });
  if (signedBy.length === 0) throw invalid('no signature on it verifies');
  return { card, signedBy };
}

async function registerKeys(trx: Executor, partyId: string, card: PartyCard, now: Date) {
  let added = 0;
  let revoked = 0;
  for (const k of card.signingKeys) {
    const existing = await findKey(trx, k.keyId);
    if (existing && existing.party_id !== partyId) throw invalid('one of its keys belongs to another party here');
    if (!existing) {
      const validFrom = new Date(k.validFrom);
      await insertPartyKey(trx, { keyId: k.keyId, partyId, purpose: 'attestation', name: null, publicKey: k.publicKey, encryptedPrivateKey: null, validFrom, validUntil: null });
      await appendLogEntry(trx, newEntry({ kind: 'key-registration', party: partyId, purpose: 'attestation', keyId: k.keyId, publicKey: k.publicKey, validFrom: validFrom.toISOString(), validUntil: null }, now));
      added++;
    }
    if (k.revokedAt && !existing?.revoked_at) {
      const reason = k.revocationReason ?? 'retired';
      await revokeKey(trx, k.keyId, new Date(k.revokedAt), reason);
      await appendLogEntry(trx, newEntry({ kind: 'key-revocation', party: partyId, keyId: k.keyId, revokedAt: new Date(k.revokedAt).toISOString(), reason }, now));
      revoked++;
    }
  }
  const current = await findCurrentEncryptionKey(trx, partyId);
  const changed = current?.key_id !== card.encryptionKey.keyId;
  if (changed) {
    if (current) await revokeEncryptionKey(trx, current.key_id, now, 'superseded');
    const known = await findKeysOfEncryption(trx, card.encryptionKey.keyId);
    if (known) throw invalid('its encryption key was used before');
    await insertEncryptionKey(trx, { keyId: card.encryptionKey.keyId, partyId, publicKey: card.encryptionKey.publicKey, sealed: null, createdAt: now });
  }
  return { added, revoked, changed };
}

async function findKeysOfEncryption(trx: Executor, keyId: string) {
  return trx.selectFrom('party_encryption_key').select('party_id').where('key_id', '=', keyId).executeTakeFirst();
}

/**
 * Registers (or updates) a partner from its party card. A first card is trusted on first use: its
 * fingerprint must be checked with the partner by another channel. A later card must carry a valid
 * signature by a key already registered here for that party and not compromised (key continuity).
 * One of this instance's own parties can never be replaced by a card.
 */
export async function importPartyCard(deps: LogDeps, actor: Actor, value: unknown) {
  const { card, signedBy } = checkCard(value);
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    let party = await findPartyByCode(trx, card.party.code);
    const created = !party;
    const partner = party ? await findPartner(trx, party.id) : undefined;
    if (party && !partner && (await hasLocalPresence(trx, party.id))) throw invalid(`${card.party.code} is a party of this instance`);
    if (party && partner) {
      const known = await findKeysOfParty(trx, party.id);
      const continuity = known.some((k) => signedBy.includes(k.key_id) && k.revocation_reason !== 'compromised');
      if (!continuity) throw invalid(`it is not signed by a key already registered here for ${card.party.code}`);
    }
    party ??= await insertParty(trx, card.party);
    const keys = await registerKeys(trx, party.id, card, now);
    await upsertPartner(trx, party.id, sha256Hex(signedBytes(card)), now);
    await recordAudit(trx, actor, { action: 'exchange.partner.register', recordType: 'party', recordId: party.id, details: { keysAdded: keys.added, keysRevoked: keys.revoked } });
    const current = card.signingKeys.filter((k) => !k.revokedAt).at(-1) ?? card.signingKeys.at(-1)!;
    return {
      party: { id: party.id, code: party.code, name: party.name, kind: party.kind },
      created,
      fingerprint: current.keyId,
      keysAdded: keys.added,
      keysRevoked: keys.revoked,
      encryptionKeyChanged: keys.changed,
    };
  });
  await publishCheckpoint(deps);
  return result;
}
