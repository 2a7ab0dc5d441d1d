import { roles as allRoles, type Role, type RoleChangeInput, type UserChange, type UserListQuery, type UserPage, type UserStatus, type UserView } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, type ErrorIssue } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { expirePendingFor, type ApprovalDeps } from '../approvals/approvals.service.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { revokeUserSessions } from '../auth/sessions.repository.ts';
import { requirePartyByCode } from '../parties/parties.service.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { grantOrAsk, lockVisible, refuseSelf, userActs } from './users.approvals.ts';
import { canAdminister, canMove, leavesNoAdministrator, rolesAfter, rolesToRevoke } from './users.policy.ts';
import { findUserByEmail, findUserById, findUsers, insertUser, lockOtherActiveAdministrators, revokeUserTokens, updateUser } from './users.repository.ts';
import { presentUserApproval, viewOf, viewsOf, type UserRow } from './users.view.ts';

export interface NewUser {
  email: string;
  displayName?: string | undefined;
  partyCode: string;
  roles: string[];
  password: string;
}

/** The rules every new account meets (the CLI's and the API's): an e-mail, known roles, a good password. */
function newUserIssues(input: { email: string; roles: readonly string[]; password: string }, rolesRequired: boolean): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) issues.push({ path: 'email', message: 'must be an e-mail address' });
  const unknown = input.roles.filter((r) => !(allRoles as readonly string[]).includes(r));
  if ((rolesRequired && input.roles.length === 0) || unknown.length > 0) {
    issues.push({ path: 'roles', message: `must be one or more of ${allRoles.join(', ')}` });
  }
  const problem = passwordProblem(input.password);
  if (problem) issues.push({ path: 'password', message: problem });
  return issues;
}

async function insertNewUser(trx: Executor, actor: Actor, u: { partyId: string; email: string; displayName: string | undefined; passwordHash: string; roles: Role[]; asked?: Role[] }) {
  if (await findUserByEmail(trx, u.email)) throw new AppError('ALREADY_EXISTS', 'A user with this e-mail exists.');
  const user = await insertUser(trx, { party_id: u.partyId, email: u.email, display_name: u.displayName?.trim() || u.email.split('@')[0]!, password_hash: u.passwordHash, roles: u.roles });
  if (!user) throw new AppError('ALREADY_EXISTS', 'A user with this e-mail exists.');
  await recordAudit(trx, actor, {
    action: 'user.create',
    recordType: 'user',
    recordId: user.id,
    details: { roles: u.roles, partyId: u.partyId, ...(u.asked ? { rolesAsked: u.asked } : {}) },
  });
  return user;
}

/** The operator's `homeward user create` (and seeding): the account gets its roles at once. */
export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  const issues = newUserIssues({ ...input, email }, true);
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'The user cannot be created.', { issues });
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const party = await requirePartyByCode(trx, input.partyCode);
    const user = await insertNewUser(trx, actor, { partyId: party.id, email, displayName: input.displayName, passwordHash, roles: input.roles as Role[] });
    return { ...user, party };
  });
}

/**
 * `POST /users`: an administrator creates an account of their own party with a first password
 * they hand over by a trusted channel. The account holds no role until a second administrator
 * approves the roles asked for (two-person rule): until then it can do nothing.
 */
export async function createAccount(deps: ApprovalDeps, actor: Actor, input: { email: string; displayName?: string | undefined; password: string; roles: Role[]; reason?: string | undefined }): Promise<UserChange> {
  if (!actor.partyId) throw new AppError('FORBIDDEN', 'Only an administrator of a party creates its accounts.');
  const partyId = actor.partyId;
  const email = input.email.trim().toLowerCase();
  const issues = newUserIssues({ ...input, email }, false);
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'The user cannot be created.', { issues });
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const created = await insertNewUser(trx, actor, { partyId, email, displayName: input.displayName, passwordHash, roles: [], asked: input.roles });
    const r = input.roles.length ? await grantOrAsk(trx, deps, actor, created, input.roles, input.reason ?? null, now) : { user: created, approval: null };
    return { user: await viewOf(trx, r.user, now), approval: r.approval && presentUserApproval(r.approval) };
  });
}

/** `GET /users`: the accounts of the caller's party, newest first, by role and status; audited with the ids. */
export async function listUsers(deps: ApprovalDeps, actor: Actor, query: UserListQuery): Promise<UserPage> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findUsers(trx, {
      // The system (CLI) lists one party's accounts, or every party's when it names none.
      partyId: actor.partyId ?? (actor.kind === 'system' ? null : '00000000-0000-0000-0000-000000000000'),
      role: query.role,
      status: query.status,
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const { items, nextCursor } = toPage(rows, query.limit);
    if (items.length) await recordAudit(trx, actor, { action: 'user.list', recordType: 'user', recordId: null, details: { ids: items.map((u) => u.id) } });
    return { items: await viewsOf(trx, items, now), nextCursor };
  });
}

/** `GET /users/:id`: one account of the caller's party; another party's answers 404. */
export async function getUser(deps: ApprovalDeps, actor: Actor, id: string): Promise<UserView> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user || !canAdminister(actor, user)) throw notFound();
    await recordAudit(trx, actor, { action: 'user.read', recordType: 'user', recordId: id });
    return viewOf(trx, user, deps.clock.now());
  });
}

/** `PATCH /users/:id`: the display name (the only change one may make to one's own account here). */
export async function renameUser(deps: ApprovalDeps, actor: Actor, id: string, displayName: string): Promise<UserView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await lockVisible(trx, actor, id);
    const updated = await updateUser(trx, user.id, { display_name: displayName.trim() }, now);
    await recordAudit(trx, actor, { action: 'user.update', recordType: 'user', recordId: id, fields: ['display_name'] });
    return viewOf(trx, updated, now);
  });
}

/** Refuses a change that would leave the account's party with no active administrator. */
async function assertAdministratorRemains(trx: Executor, user: UserRow, change: 'disable' | readonly Role[]) {
  if (!leavesNoAdministrator(user, change, 0)) return;
  const others = await lockOtherActiveAdministrators(trx, user.party_id, user.id);
  if (leavesNoAdministrator(user, change, others.length)) {
    throw new AppError('USER_LAST_ADMINISTRATOR', 'This is the last active administrator of the party: make another one first.');
  }
}

/** `POST /users/:id/roles/revoke`: takes effect at once (it reduces power; no second person needed). */
export async function revokeRoles(deps: ApprovalDeps, actor: Actor, id: string, input: RoleChangeInput): Promise<UserView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await lockVisible(trx, actor, id);
    refuseSelf(actor, user.id);
    const roles = rolesToRevoke(user.roles, input.roles);
    if (roles.length === 0) throw new AppError('USER_ROLE_NOT_HELD', 'The account does not hold these roles.');
    await assertAdministratorRemains(trx, user, roles);
    // Sessions and API tokens read the roles at every request: the change applies to them at once.
    const updated = await updateUser(trx, user.id, { roles: rolesAfter(user.roles, { remove: roles }) }, now);
    await recordAudit(trx, actor, { action: 'user.revoke-role', recordType: 'user', recordId: id, fields: ['roles'], reason: input.reason ?? null, details: { roles } });
    return viewOf(trx, updated, now);
  });
}

/**
 * `POST /users/:id/disable` and `/enable`, through the transition table. Disabling takes effect at
 * once: the account's sessions and API tokens end, and the grants and resets waiting for it expire.
 * Enabling lets the user sign in again with the roles already approved (old sessions stay ended).
 */
export async function setUserStatus(deps: ApprovalDeps, actor: Actor, id: string, to: UserStatus, reason: string | null): Promise<UserView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await lockVisible(trx, actor, id);
    refuseSelf(actor, user.id);
    const from = user.status as UserStatus;
    if (!canMove(from, to)) throw new AppError('INVALID_TRANSITION', `The account is already ${from}.`, { details: { from, to } });
    if (to === 'disabled') await assertAdministratorRemains(trx, user, 'disable');
    const updated = await updateUser(trx, user.id, { status: to }, now);
    let details: Record<string, unknown> = { from, to };
    if (to === 'disabled') {
      const sessionsEnded = await revokeUserSessions(trx, user.id, now);
      const tokensRevoked = await revokeUserTokens(trx, user.id, now);
      await expirePendingFor(trx, actor, [user.id], userActs, 'The account was disabled.', now);
      details = { ...details, sessionsEnded, tokensRevoked };
    }
    await recordAudit(trx, actor, { action: to === 'disabled' ? 'user.disable' : 'user.enable', recordType: 'user', recordId: id, fields: ['status'], reason, details });
    return viewOf(trx, updated, now);
  });
}
