import { roles as allRoles, type Role } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePartyByCode } from '../parties/parties.service.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { findUserByEmail, insertUser } from './users.repository.ts';

export interface NewUser {
  email: string;
  displayName?: string;
  partyCode: string;
  roles: string[];
  password: string;
}

export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  const issues = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) issues.push({ path: 'email', message: 'must be an e-mail address' });
  const unknown = input.roles.filter((r) => !(allRoles as readonly string[]).includes(r));
  if (input.roles.length === 0 || unknown.length > 0) {
    issues.push({ path: 'roles', message: `must be one or more of ${allRoles.join(', ')}` });
  }
  const problem = passwordProblem(input.password);
  if (problem) issues.push({ path: 'password', message: problem });
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'The user cannot be created.', { issues });

  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const party = await requirePartyByCode(trx, input.partyCode);
    if (await findUserByEmail(trx, email)) throw new AppError('ALREADY_EXISTS', 'A user with this e-mail exists.');
    const user = await insertUser(trx, {
      party_id: party.id,
      email,
      display_name: input.displayName?.trim() || email.split('@')[0]!,
      password_hash: passwordHash,
      roles: input.roles as Role[],
    });
    await recordAudit(trx, actor, {
      action: 'user.create',
      recordType: 'user',
      recordId: user.id,
      details: { roles: input.roles, partyId: party.id },
    });
    return { ...user, party };
  });
}
