import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@homeward/server';
import { enrolDirectly } from '@homeward/server/modules/auth/two-factor.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { bin, childEnv, PASSWORD, prepareInstance } from './process-support.ts';

// `homeward user list|grant|revoke|disable|enable|reset-2fa` on an embedded data folder: the
// operator acts as the system (no second administrator), within the same rules otherwise.
const env = childEnv({ HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'hw-cli-users-')) });
const cli = (...args: string[]) => spawnSync(bin, ['user', ...args], { env, encoding: 'utf8', timeout: 60_000 });
let partyCode = '';

beforeAll(async () => {
  ({ partyCode } = await prepareInstance(env, 'worker@test.invalid', async (rt, partyId) => {
    const db = rt.database.db;
    const { code } = await db.selectFrom('party').select('code').where('id', '=', partyId).executeTakeFirstOrThrow();
    await createUser(db, systemActor(), { email: 'chief@test.invalid', partyCode: code, roles: ['administrator'], password: PASSWORD });
    const worker = await db.selectFrom('app_user').select('id').where('email', '=', 'worker@test.invalid').executeTakeFirstOrThrow();
    await enrolDirectly(db, rt.clock, Buffer.alloc(32, 1), systemActor(partyId), worker.id, 'worker@test.invalid');
  }));
}, 120_000);

describe('homeward user …', () => {
  it('lists, grants, revokes, resets two-factor, disables and enables', () => {
    const list = cli('list', '--party', partyCode);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/chief@test\.invalid {2}active {2}2FA not-enrolled {2}roles: administrator/);
    expect(list.stdout).toMatch(/worker@test\.invalid {2}active {2}2FA enabled {2}roles: caseworker/);

    const granted = cli('grant', '--email', 'worker@test.invalid', '--role', 'auditor,verifier');
    expect(granted.stdout).toContain('roles: caseworker, verifier, auditor');
    expect(cli('revoke', '--email', 'worker@test.invalid', '--role', 'caseworker').stdout).toContain('roles: verifier, auditor');
    expect(cli('reset-2fa', '--email', 'worker@test.invalid', '--reason', 'Lost phone').stdout).toContain('2FA not-enrolled');
    expect(cli('disable', '--email', 'worker@test.invalid').stdout).toContain('Disabled. worker@test.invalid  disabled');
    const enabled = cli('enable', '--email', 'worker@test.invalid');
    expect(enabled.stdout).toContain('Enabled. worker@test.invalid  active');
  }, 120_000);

  it('refuses what would leave the party without an administrator, an unknown account and an unknown role (exit 1)', () => {
    const last = cli('revoke', '--email', 'chief@test.invalid', '--role', 'administrator');
    expect([last.status, last.stderr.trim()]).toEqual([1, 'homeward: This is the last active administrator of the party: make another one first.']);
    const nobody = cli('disable', '--email', 'nobody@test.invalid');
    expect([nobody.status, nobody.stderr.trim()]).toEqual([1, 'homeward: No user with that e-mail.']);
    const role = cli('grant', '--email', 'worker@test.invalid', '--role', 'chief');
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('role: must be one or more of administrator');
  }, 120_000);
});
