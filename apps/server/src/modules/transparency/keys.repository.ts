import type { Selectable } from 'kysely';
import type { EncryptedPrivateKey } from '@homeward/translog';
import type { Executor } from '../audit/audit.repository.ts';
import type { PartyKeyTable } from './transparency.tables.ts';

export type PartyKeyRow = Selectable<PartyKeyTable>;

export interface NewPartyKey {
  keyId: string;
  partyId: string | null;
  purpose: 'attestation' | 'log' | 'witness';
  name: string | null;
  publicKey: string;
  encryptedPrivateKey: EncryptedPrivateKey | null;
  validFrom: Date;
  validUntil: Date | null;
}

export async function insertPartyKey(db: Executor, k: NewPartyKey): Promise<void> {
  await db
    .insertInto('party_key')
    .values({
      key_id: k.keyId,
      party_id: k.partyId,
      purpose: k.purpose,
      name: k.name,
      public_key: k.publicKey,
      encrypted_private_key: k.encryptedPrivateKey ? JSON.stringify(k.encryptedPrivateKey) : null,
      valid_from: k.validFrom,
      valid_until: k.validUntil,
    })
    .execute();
}

/** The key a party signs with now: valid at `at`, not revoked, newest first. */
export async function findSigningKey(
  db: Executor,
  partyId: string | null,
  purpose: PartyKeyTable['purpose'],
  at: Date,
) {
  let q = db
    .selectFrom('party_key')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('revoked_at', 'is', null);
  q = partyId === null ? q.where('party_id', 'is', null) : q.where('party_id', '=', partyId);
  return q
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', at)]))
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findKeysOfParty(db: Executor, partyId: string) {
  return db
    .selectFrom('party_key')
    .selectAll()
    .where('party_id', '=', partyId)
    .orderBy('valid_from')
    .execute();
}

export async function findKey(db: Executor, keyId: string) {
  return db.selectFrom('party_key').selectAll().where('key_id', '=', keyId).executeTakeFirst();
}

export async function findAllPartyKeys(db: Executor, purpose: PartyKeyTable['purpose'] = 'attestation') {
  return db
    .selectFrom('party_key')
    .selectAll()
    .where('purpose', '=', purpose)
    .orderBy('valid_from')
    .execute();
}

export async function revokeKey(db: Executor, keyId: string, at: Date, reason: string): Promise<void> {
  await db
    .updateTable('party_key')
    .set({ revoked_at: at, revocation_reason: reason })
    .where('key_id', '=', keyId)
    .execute();
}

/** The log operator's checkpoint key (the first one: the origin never changes). */
export async function findLogKey(db: Executor) {
  return db
    .selectFrom('party_key')
    .selectAll()
    .where('purpose', '=', 'log')
    .orderBy('valid_from')
    .limit(1)
    .executeTakeFirst();
}
