import { describe, expect, it } from 'vitest';
import { roleChangeInput, userCreateInput } from './users.ts';

describe('user administration contract', () => {
  it('checks a new account’s password by the server’s rules, so the web form says the same', () => {
    const weak = userCreateInput.safeParse({ email: 'a@test.invalid', password: 'Password123!' });
    expect(weak.success).toBe(false);
    expect(weak.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['password', 'is a commonly used password']]);
    const ok = userCreateInput.parse({ email: 'a@test.invalid', password: 'blue kettle on a quiet train' });
    expect(ok.roles).toEqual([]);
  });

  it('names only known roles, at least one to grant or revoke', () => {
    expect(roleChangeInput.safeParse({ roles: [] }).success).toBe(false);
    expect(roleChangeInput.safeParse({ roles: ['chief'] }).success).toBe(false);
    expect(roleChangeInput.parse({ roles: ['auditor'], reason: ' Audit ' })).toEqual({ roles: ['auditor'], reason: 'Audit' });
  });
});
