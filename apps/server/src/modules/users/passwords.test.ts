import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('prefers length and refuses well-known passwords', () => {
    expect(passwordProblem('short')).toMatch(/12 characters/);
    expect(passwordProblem('Password123!')).toMatch(/commonly used/);
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('blue kettle on a quiet train')).toBeNull();
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('blue kettle on a quiet train');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'blue kettle on a quiet train')).toBe(true);
    expect(await verifyPassword(h, 'blue kettle on a quiet tram')).toBe(false);
  });
});
