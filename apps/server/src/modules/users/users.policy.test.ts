import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../auth/actor.ts';
import { canAdminister, canMove, isSelf, leavesNoAdministrator, rolesAfter, rolesToGrant, rolesToRevoke } from './users.policy.ts';

const admin: Actor = { kind: 'user', userId: 'u-admin', partyId: 'p1', roles: ['administrator'], requestId: null };

describe('user administration rules', () => {
  it('lets an administrator manage the accounts of their own party only; the system any', () => {
    expect(canAdminister(admin, { party_id: 'p1' })).toBe(true);
    expect(canAdminister(admin, { party_id: 'p2' })).toBe(false);
    expect(canAdminister({ ...admin, partyId: null }, { party_id: 'p1' })).toBe(false);
    expect(canAdminister(systemActor(), { party_id: 'p2' })).toBe(true);
  });

  it('knows one’s own account, and the system has none', () => {
    expect(isSelf(admin, 'u-admin')).toBe(true);
    expect(isSelf(admin, 'u-other')).toBe(false);
    expect(isSelf(systemActor('p1'), 'u-admin')).toBe(false);
  });

  it('moves an account between active and disabled only', () => {
    expect(canMove('active', 'disabled')).toBe(true);
    expect(canMove('disabled', 'active')).toBe(true);
    expect(canMove('active', 'active')).toBe(false);
    expect(canMove('disabled', 'disabled')).toBe(false);
  });

  it('grants only what is not held and revokes only what is, in the order of the role table', () => {
    expect(rolesToGrant(['viewer'], ['viewer', 'auditor', 'caseworker'])).toEqual(['caseworker', 'auditor']);
    expect(rolesToGrant(['caseworker'], ['caseworker'])).toEqual([]);
    expect(rolesToRevoke(['caseworker', 'viewer'], ['viewer', 'auditor'])).toEqual(['viewer']);
    expect(rolesAfter(['viewer', 'caseworker'], { add: ['administrator'] })).toEqual(['administrator', 'caseworker', 'viewer']);
    expect(rolesAfter(['viewer', 'caseworker'], { remove: ['caseworker', 'viewer'] })).toEqual([]);
  });

  it('refuses to leave a party without an active administrator', () => {
    const lastAdmin = { roles: ['administrator', 'auditor'], status: 'active' };
    expect(leavesNoAdministrator(lastAdmin, ['administrator'], 0)).toBe(true);
    expect(leavesNoAdministrator(lastAdmin, 'disable', 0)).toBe(true);
    expect(leavesNoAdministrator(lastAdmin, ['auditor'], 0)).toBe(false);
    expect(leavesNoAdministrator(lastAdmin, 'disable', 1)).toBe(false);
    expect(leavesNoAdministrator({ roles: ['administrator'], status: 'disabled' }, 'disable', 0)).toBe(false);
    expect(leavesNoAdministrator({ roles: ['caseworker'], status: 'active' }, 'disable', 0)).toBe(false);
  });
});
