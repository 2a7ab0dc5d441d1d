/**
 * A test server with officials of both demo parties besides the demo administrator. Users are
 * created as an administrator would, with `homeward user create`, which needs the data folder
 * to itself: so the server seeds the demo data, stops, the users are created, and it starts
 * again on the same folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Role } from '@homeward/contracts';
import type { ApiCall } from './seed.ts';
import { startServer, type TestServer } from './server.ts';

const root = resolve(import.meta.dirname, '../../../..');

export type TestUser = { email: string; party: 'UA-DEMO' | 'RU-DEMO'; roles: Role[]; name: string };
export const testPassword = 'journey-password-2026';

export async function startServerWithUsers(users: readonly TestUser[]): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeward-web-users-'));
  const first = await startServer(180_000, { dataDir });
  await first.stop();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOMEWARD_DATA_DIR: dataDir,
    HOMEWARD_PASSWORD: testPassword,
  };
  delete env.NODE_ENV;
  for (const u of users) {
    const args = ['user', 'create', '--email', u.email, '--party', u.party, '--name', u.name, '--no-2fa'];
    for (const r of u.roles) args.push('--role', r);
    const r = spawnSync(join(root, 'node_modules/.bin/homeward'), args, { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`creating ${u.email} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const server = await startServer(180_000, { dataDir });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API caller for one user (as seed.ts's apiSession, for any account). */
export async function apiSessionAs(url: string, email: string, password: string): Promise<ApiCall> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login of ${email} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}
