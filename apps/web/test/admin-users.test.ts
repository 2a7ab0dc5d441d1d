import { describe, expect, it } from 'vitest';
import { userStatuses } from '@homeward/contracts';
import { ApiError } from '../src/api/client.ts';
import { resources, languages } from '../src/i18n/resources.ts';
import {
  pendingRole,
  pendingRoles,
  userErrorCodes,
  userErrorKey,
  userIssueKey,
} from '../src/pages/admin/users.ts';

describe('the users tab', () => {
  it('words this module’s refusals itself, and tells a taken e-mail from a request already waiting', () => {
    expect(userErrorKey(new ApiError(403, 'USER_SELF_CHANGE', 'x'), 'change')).toBe(
      'users.errors.USER_SELF_CHANGE',
    );
    expect(userErrorKey(new ApiError(409, 'ALREADY_EXISTS', 'x'), 'create')).toBe('users.errors.emailTaken');
    expect(userErrorKey(new ApiError(409, 'ALREADY_EXISTS', 'x'), 'change')).toBe(
      'users.errors.alreadyAsked',
    );
    // Everything else as everywhere (errors.ts).
    expect(userErrorKey(new ApiError(409, 'SAME_PERSON', 'x'), 'change')).toBeNull();
    expect(userErrorKey(new Error('x'), 'change')).toBeNull();
  });

  it('says what the password rules refused, in words', () => {
    expect(userIssueKey('is a commonly used password')).toEqual({ key: 'users.password.common' });
    expect(userIssueKey('must be at least 12 characters long')).toEqual({ key: 'users.password.tooShort' });
    expect(userIssueKey('Invalid email address')).toEqual({ key: 'issues.email' });
  });

  it('lets the person who asked withdraw, the account’s user only watch, and others answer', () => {
    const a = { firstUserId: 'u1', subjectId: 'u2' };
    expect(pendingRole(a, 'u1')).toBe('mine');
    expect(pendingRole(a, 'u2')).toBe('about-me');
    expect(pendingRole(a, 'u3')).toBe('answer');
    expect(
      pendingRoles({ act: 'user.grant-role', payload: { userId: 'u2', roles: ['viewer', 'caseworker'] } }),
    ).toEqual(['caseworker', 'viewer']);
    expect(pendingRoles({ act: 'two-factor.reset', payload: { userId: 'u2' } })).toEqual([]);
    expect(pendingRoles({ act: 'user.grant-role', payload: null })).toEqual([]);
  });

  it('has words for every code, status and two-factor state in every language', () => {
    for (const l of languages) {
      const u = resources[l].users;
      for (const c of userErrorCodes) expect(u.errors[c], `${l}:${c}`).toBeTruthy();
      for (const s of userStatuses) expect(u.status[s], `${l}:${s}`).toBeTruthy();
      expect(u.twoFactorState['not-enrolled']).toBeTruthy();
    }
  });
});
