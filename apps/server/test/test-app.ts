import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Response as InjectResponse } from 'light-my-request';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '../src/clock.ts';
import type { Database } from '../src/db/database.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/auth/actor.ts';
import { createParty } from '../src/modules/parties/parties.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { base32Decode, hotp, timeStep } from '../src/modules/auth/totp.ts';
import { createTestDatabase } from './test-db.ts';

/** TOTP secrets of the users the helper enrolled, by e-mail, for tests of the second factor. */
export const totpSecrets = new Map<string, string>();

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  /** Creates a party (unique code) and returns it. */
  party(kind?: string): Promise<{ id: string; code: string }>;
  /** Creates a user in a party with the roles given, logs in, and returns a client for them. */
  login(roles: string[], party?: { id: string; code: string }): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  userId: string;
  partyId: string;
  email: string;
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<InjectResponse>;
  get(url: string): Promise<InjectResponse>;
  post(url: string, body?: unknown): Promise<InjectResponse>;
  patch(url: string, body?: unknown): Promise<InjectResponse>;
}

export async function createTestApp(now = '2026-06-01T10:00:00Z', options: { searchRateLimit?: number } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock(now);
  const app = await buildApp({ db: database.db, database, clock, secret: Buffer.alloc(32, 7), logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', loginRateLimit: 10_000, searchRateLimit: options.searchRateLimit ?? 10_000 });
  let n = 0;
  const t: TestApp = {
    app,
    database,
    clock,
    async party(kind = 'home-country-authority') {
      const code = `P${++n}-${randomUUID().slice(0, 6).toUpperCase()}`;
      const p = await createParty(database.db, systemActor(), { code, name: `Test party ${code}`, kind });
      return { id: p.id, code: p.code };
    },
    async login(roles, party) {
      const p = party ?? (await t.party());
      const email = `u${++n}-${randomUUID().slice(0, 8)}@test.invalid`;
      const u = await createUser(database.db, systemActor(), { email, partyCode: p.code, roles, password: TEST_PASSWORD });
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = `hw_session=${res.cookies.find((c) => c.name === 'hw_session')!.value}`;
      const csrf = res.json().csrfToken as string;
      if (res.json().twoFactor === 'enrolment-required') {
        // Officials must set up 2FA before anything else: do it as a user would.
        const headers = { cookie, 'x-csrf-token': csrf };
        const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/auth/2fa/enrol', headers })).json() as { secret: string };
        const code = hotp(base32Decode(secret), timeStep(clock.now()));
        const confirmed = await app.inject({ method: 'POST', url: '/api/v1/auth/2fa/confirm', headers, payload: { code } });
        if (confirmed.statusCode !== 200) throw new Error(`2FA enrolment failed: ${confirmed.body}`);
        totpSecrets.set(email, secret);
      }
      const request = (opts: InjectOptions): Promise<InjectResponse> =>
        app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
      return {
        userId: u.id,
        email,
        partyId: p.id,
        cookie,
        csrf,
        request,
        get: (url) => request({ method: 'GET', url }),
        post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
        patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
      };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  return t;
}
