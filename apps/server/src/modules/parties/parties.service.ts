import { partyKinds } from '@homeward/contracts';
import { AppError } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findPartyByCode, insertParty } from './parties.repository.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function createParty(db: Kysely<DB>, actor: Actor, p: { code: string; name: string; kind: string }) {
  if (!(partyKinds as readonly string[]).includes(p.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Unknown party kind.', {
      issues: [{ path: 'kind', message: `must be one of ${partyKinds.join(', ')}` }],
    });
  }
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(p.code)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid party code.', {
      issues: [{ path: 'code', message: 'must be 2-32 upper-case letters, digits or dashes' }],
    });
  }
  return db.transaction().execute(async (trx) => {
    if (await findPartyByCode(trx, p.code)) throw new AppError('ALREADY_EXISTS', 'A party with this code exists.');
    const party = await insertParty(trx, p);
    await recordAudit(trx, actor, { action: 'party.create', recordType: 'party', recordId: party.id });
    return party;
  });
}

export async function requirePartyByCode(db: Executor, code: string) {
  const party = await findPartyByCode(db, code);
  if (!party) throw new AppError('PARTY_NOT_FOUND', `No party with code ${code}.`);
  return party;
}
