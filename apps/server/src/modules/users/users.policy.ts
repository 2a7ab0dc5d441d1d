import { roles as allRoles, type Role, type UserStatus } from '@homeward/contracts';
import type { Actor } from '../auth/actor.ts';

/** An account's statuses and the moves between them; every move goes through `assertMove`'s caller. */
export const userTransitions: Record<UserStatus, readonly UserStatus[]> = {
  active: ['disabled'],
  disabled: ['active'],
};

export const canMove = (from: UserStatus, to: UserStatus) => userTransitions[from].includes(to);

/** An administrator manages the accounts of their own party; the system (CLI) any account. */
export const canAdminister = (actor: Actor, user: { party_id: string }) => actor.kind === 'system' || (!!actor.partyId && actor.partyId === user.party_id);

/**
 * Nobody grants themselves a role, resets their own second factor, revokes their own roles or
 * disables themselves: another administrator must (only the display name is one's own to change).
 */
export const isSelf = (actor: Actor, userId: string) => actor.userId !== null && actor.userId === userId;

const inOrder = (list: Iterable<Role>) => allRoles.filter((r) => new Set(list).has(r));

/** The roles asked for that the account does not hold yet, in the order of the role table. */
export function rolesToGrant(held: readonly string[], asked: readonly Role[]): Role[] {
  return inOrder(asked).filter((r) => !held.includes(r));
}

/** The roles asked for that the account holds, in the order of the role table. */
export function rolesToRevoke(held: readonly string[], asked: readonly Role[]): Role[] {
  return inOrder(asked).filter((r) => held.includes(r));
}

/** The roles an account holds after a change, in the order of the role table. */
export function rolesAfter(held: readonly string[], change: { add?: readonly Role[]; remove?: readonly Role[] }): Role[] {
  const known = held.filter((r): r is Role => (allRoles as readonly string[]).includes(r));
  return inOrder([...known, ...(change.add ?? [])]).filter((r) => !(change.remove ?? []).includes(r));
}

/**
 * Whether a change leaves the party without an active administrator (then only the operator's
 * CLI could repair it): taking the role from, or disabling, an active administrator when no other
 * active administrator of the party remains.
 */
export function leavesNoAdministrator(target: { roles: readonly string[]; status: string }, change: 'disable' | readonly Role[], otherActiveAdministrators: number): boolean {
  if (target.status !== 'active' || !target.roles.includes('administrator')) return false;
  const losesIt = change === 'disable' || change.includes('administrator');
  return losesIt && otherActiveAdministrators === 0;
}
