import { roles as allRoles, type Role, type RoleChangeInput, type UserActionInput, type UserChange } from '@homeward/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../errors.ts';
import { policyOf, requestApproval, type ActHandler, type ApprovalDeps } from '../approvals/approvals.service.ts';
import type { PendingApprovalRow } from '../approvals/approvals.tables.ts';
import { needsSecond, type ApprovalAct } from '../approvals/two-person.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { revokeUserSessions } from '../auth/sessions.repository.ts';
import { clearTwoFactor } from '../auth/two-factor.service.ts';
import { canAdminister, isSelf, rolesAfter, rolesToGrant } from './users.policy.ts';
import { lockUser, updateUser } from './users.repository.ts';
import { presentUserApproval, viewOf, type UserRow } from './users.view.ts';

// The two acts on an account that give power, and so wait for a second administrator of the same
// party (two-person rule, modules/approvals/two-person.ts): granting roles and resetting two-factor.

export const userActs: readonly ApprovalAct[] = ['user.grant-role', 'two-factor.reset'];

const grantPayload = z.object({ userId: z.uuid(), roles: z.array(z.enum(allRoles)).min(1) });
const resetPayload = z.object({ userId: z.uuid(), enrolledAt: z.string() });

/** The account, locked, if the actor may administer it; another party's account answers like a missing one. */
export async function lockVisible(trx: Executor, actor: Actor, id: string): Promise<UserRow> {
  const user = await lockUser(trx, id);
  if (!user || !canAdminister(actor, user)) throw notFound();
  return user;
}

export function refuseSelf(actor: Actor, userId: string) {
  if (isSelf(actor, userId)) throw new AppError('USER_SELF_CHANGE', 'Another administrator must do this: nobody changes the roles, status or second factor of their own account.');
}

function assertActive(user: UserRow) {
  if (user.status !== 'active') throw new AppError('USER_DISABLED', 'The account is disabled: enable it first.');
}

async function grantInTrx(trx: Executor, actor: Actor, user: UserRow, roles: Role[], now: Date, reason: string | null, approval?: PendingApprovalRow) {
  const updated = await updateUser(trx, user.id, { roles: rolesAfter(user.roles, { add: roles }) }, now);
  // Sessions end so that the new roles apply from a fresh sign-in, with the second factor they may now need.
  const sessionsEnded = await revokeUserSessions(trx, user.id, now);
  await recordAudit(trx, actor, {
    action: 'user.grant-role',
    recordType: 'user',
    recordId: user.id,
    fields: ['roles'],
    reason,
    details: { roles, sessionsEnded, ...(approval ? { approvalId: approval.id, requestedBy: approval.first_user_id } : {}) },
  });
  return updated;
}

async function resetInTrx(trx: Executor, actor: Actor, user: UserRow, now: Date, reason: string | null, approval?: PendingApprovalRow) {
  const sessionsEnded = await clearTwoFactor(trx, user.id, now);
  await recordAudit(trx, actor, {
    action: 'auth.2fa-reset',
    recordType: 'user',
    recordId: user.id,
    reason,
    details: { sessionsEnded, ...(approval ? { approvalId: approval.id, requestedBy: approval.first_user_id } : {}) },
  });
  return (await lockUser(trx, user.id))!;
}

/**
 * Grants roles to a locked account, or (two-person rule) asks a second administrator of the party
 * to approve exactly these roles for it. Also the second half of creating an account.
 */
export async function grantOrAsk(trx: Executor, deps: ApprovalDeps, actor: Actor, user: UserRow, asked: readonly Role[], reason: string | null, now: Date) {
  refuseSelf(actor, user.id);
  assertActive(user);
  const roles = rolesToGrant(user.roles, asked);
  if (roles.length === 0) throw new AppError('USER_ROLE_ALREADY_HELD', 'The account already holds these roles.');
  const policy = policyOf(deps);
  if (actor.kind === 'system' || !needsSecond(policy, 'user.grant-role')) return { user: await grantInTrx(trx, actor, user, roles, now, reason), approval: null };
  const approval = await requestApproval(
    trx,
    actor,
    policy,
    { act: 'user.grant-role', subject: { type: 'user', id: user.id }, payload: { userId: user.id, roles }, reason, otherPartyId: null, notifySubject: { type: 'user', id: user.id } },
    now,
  );
  return { user, approval };
}

/** `POST /users/:id/roles/grant`: 200 with the roles granted, or 202 with the approval it waits for. */
export async function grantRoles(deps: ApprovalDeps, actor: Actor, userId: string, input: RoleChangeInput): Promise<UserChange> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await lockVisible(trx, actor, userId);
    const r = await grantOrAsk(trx, deps, actor, user, input.roles, input.reason ?? null, now);
    return { user: await viewOf(trx, r.user, now), approval: r.approval && presentUserApproval(r.approval) };
  });
}

const enrolledAt = (user: UserRow) => user.totp_enabled_at?.toISOString() ?? null;

/**
 * `POST /users/:id/2fa/reset`: clears the account's second factor (enrolment and recovery codes)
 * and ends its sessions, so that the user enrols again at the next sign-in; or (two-person rule)
 * asks a second administrator of the party to approve resetting exactly the enrolment seen now.
 */
export async function resetTwoFactor(deps: ApprovalDeps, actor: Actor, userId: string, input: UserActionInput): Promise<UserChange> {
  const now = deps.clock.now();
  const reason = input.reason ?? null;
  return deps.db.transaction().execute(async (trx) => {
    const user = await lockVisible(trx, actor, userId);
    refuseSelf(actor, user.id);
    assertActive(user);
    const at = enrolledAt(user);
    if (!at) throw new AppError('USER_TWO_FACTOR_NOT_ENROLLED', 'The account has no second factor set up: there is nothing to reset.');
    const policy = policyOf(deps);
    if (actor.kind === 'system' || !needsSecond(policy, 'two-factor.reset')) {
      return { user: await viewOf(trx, await resetInTrx(trx, actor, user, now, reason), now), approval: null };
    }
    const approval = await requestApproval(
      trx,
      actor,
      policy,
      { act: 'two-factor.reset', subject: { type: 'user', id: user.id }, payload: { userId: user.id, enrolledAt: at }, reason, otherPartyId: null, notifySubject: { type: 'user', id: user.id } },
      now,
    );
    return { user: await viewOf(trx, user, now), approval: presentUserApproval(approval) };
  });
}

/** The account an approval is about, locked, or why the act can no longer happen. */
async function subjectOf(trx: Executor, approval: PendingApprovalRow): Promise<{ gone: string } | { user: UserRow }> {
  const user = await lockUser(trx, approval.subject_id);
  if (!user || user.party_id !== approval.first_party_id) return { gone: 'The account no longer exists.' };
  if (user.status !== 'active') return { gone: 'The account was disabled.' };
  return { user };
}

/** The second administrator can never be the account's own user (nobody approves power for themselves). */
function refuseSecondSelf(second: Actor, userId: string) {
  if (isSelf(second, userId)) throw new AppError('USER_SELF_CHANGE', 'This approval is about your own account: another administrator must give it.');
}

/** What approving a role grant does (used by `POST /api/v1/approvals/:id/approve`). */
export function grantRoleApprovalHandler(): ActHandler {
  return {
    async current(trx, approval) {
      const s = await subjectOf(trx, approval);
      if ('gone' in s) return s;
      const { roles } = grantPayload.parse(approval.payload);
      if (rolesToGrant(s.user.roles, roles).length === 0) return { gone: 'The account already holds these roles.' };
      return { payload: approval.payload };
    },
    async perform(trx, second, approval, now) {
      const { userId, roles } = grantPayload.parse(approval.payload);
      refuseSecondSelf(second, userId);
      const user = (await lockUser(trx, userId))!;
      await grantInTrx(trx, second, user, rolesToGrant(user.roles, roles), now, approval.second_reason ?? approval.first_reason, approval);
      return null;
    },
    release: async () => undefined,
  };
}

/** What approving a second-factor reset does (used by `POST /api/v1/approvals/:id/approve`). */
export function twoFactorResetApprovalHandler(): ActHandler {
  return {
    async current(trx, approval) {
      const s = await subjectOf(trx, approval);
      if ('gone' in s) return s;
      const at = enrolledAt(s.user);
      // Enrolled again (or reset) since it was asked: the hash no longer matches and it expires.
      return at ? { payload: { userId: s.user.id, enrolledAt: at } } : { gone: 'The account has no second factor any more.' };
    },
    async perform(trx, second, approval, now) {
      const { userId } = resetPayload.parse(approval.payload);
      refuseSecondSelf(second, userId);
      await resetInTrx(trx, second, (await lockUser(trx, userId))!, now, approval.second_reason ?? approval.first_reason, approval);
      return null;
    },
    release: async () => undefined,
  };
}
