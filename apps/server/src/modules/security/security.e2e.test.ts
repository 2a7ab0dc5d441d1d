import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, totpSecrets, type Client, type TestApp } from '../../../test/test-app.ts';
import { base32Decode, hotp, timeStep } from '../auth/totp.ts';
import { scanForMisuse } from './misuse.service.ts';

let t: TestApp;
let party: { id: string; code: string };
let admin: Client;

beforeAll(async () => {
  // The audit log is stamped by the database's clock, so the scan's window runs on real time here.
  t = await createTestApp(new Date().toISOString());
  party = await t.party('holding-country-authority');
  admin = await t.login(['administrator'], party);
});
afterAll(() => t.close());

const settings = { bulkReadsPerHour: 10, secondFactorFailures: 5, bulkReadAction: 'end-sessions' as const };
const alertsAbout = (userId: string) => t.database.db.selectFrom('security_alert').select(['kind', 'action', 'details']).where('user_id', '=', userId).execute();
const adminNotices = () => t.database.db.selectFrom('notification').select(['kind', 'subject_id']).where('user_id', '=', admin.userId).where('kind', 'like', 'security.%').execute();

describe('misuse detection', () => {
  it('alerts on a bulk read, ends the reader’s sessions once, and tells the administrators', async () => {
    const reader = await t.login(['caseworker'], party);
    for (let i = 0; i < 12; i++) {
      expect((await reader.post('/api/v1/dossiers', { names: [{ givenName: 'Тест', familyName: `Масовий${i}` }], sex: 'female' })).statusCode).toBe(201);
    }
    expect((await reader.get('/api/v1/dossiers?limit=100')).statusCode).toBe(200);
    // Under the limit nothing happens; over it, one alert however often the scan runs.
    expect(await scanForMisuse({ db: t.database.db, clock: t.clock }, { ...settings, bulkReadsPerHour: 1000 })).toEqual({ bulkReads: 0, secondFactorFailures: 0 });
    expect((await scanForMisuse({ db: t.database.db, clock: t.clock }, settings)).bulkReads).toBe(1);
    expect((await scanForMisuse({ db: t.database.db, clock: t.clock }, settings)).bulkReads).toBe(0);
    const [alert] = await alertsAbout(reader.userId);
    expect(alert).toMatchObject({ kind: 'bulk-read', action: 'sessions-ended', details: { limit: 10 } });
    expect(Number(alert!.details.records)).toBeGreaterThan(10);
    expect((await reader.get('/api/v1/dossiers')).statusCode).toBe(401);
    expect((await adminNotices()).map((n) => n.kind)).toContain('security.bulk-read');
  });

  it('alerts on a burst of failed second factors', async () => {
    const victim = await t.login(['caseworker'], party);
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: TEST_PASSWORD, totp: '000000' } });
      expect(res.json().code).toMatch(/TWO_FACTOR_INVALID|ACCOUNT_LOCKED/);
    }
    expect((await scanForMisuse({ db: t.database.db, clock: t.clock }, settings)).secondFactorFailures).toBe(1);
    expect((await alertsAbout(victim.userId)).map((a) => a.kind)).toEqual(['second-factor-failures']);
  });

  it('alerts when an account signs in from a new browser or network, not from a known one', async () => {
    const user = await t.login(['verifier'], party);
    const signIn = (ua: string, ip: string) => {
      t.clock.advance(30_000); // each code is accepted once: the next login uses the next time step
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        headers: { 'user-agent': ua },
        payload: { email: user.email, password: TEST_PASSWORD, totp: hotp(base32Decode(totpSecrets.get(user.email)!), timeStep(t.clock.now())) },
      });
    };
    // The helper's own sign-in (the test client, from 127.0.0.1) is the account's first device.
    expect((await signIn('Firefox/140', '10.1.2.3')).statusCode).toBe(200);
    expect(await alertsAbout(user.userId)).toMatchObject([{ kind: 'new-device', action: 'alerted', details: { knownDevices: 1 } }]);
    expect((await signIn('Firefox/140', '10.1.2.99')).statusCode).toBe(200); // same /24: same network
    expect(await alertsAbout(user.userId)).toHaveLength(1);
    expect((await signIn('Firefox/140', '192.168.7.1')).statusCode).toBe(200);
    expect(await alertsAbout(user.userId)).toHaveLength(2);
    // No address is stored: only a keyed hash.
    const devices = await t.database.db.selectFrom('login_device').selectAll().where('user_id', '=', user.userId).execute();
    expect(JSON.stringify(devices)).not.toMatch(/10\.1\.2|192\.168|Firefox/);
  });

  it('lists alerts to the party’s administrators and auditors only', async () => {
    const list = await admin.get('/api/v1/security/alerts');
    expect(list.statusCode).toBe(200);
    expect([...new Set(list.json().items.map((a: { kind: string }) => a.kind))].sort()).toEqual(['bulk-read', 'new-device', 'second-factor-failures']);
    expect((await (await t.login(['caseworker'], party)).get('/api/v1/security/alerts')).statusCode).toBe(403);
    const stranger = await t.login(['administrator']);
    expect((await stranger.get('/api/v1/security/alerts')).json().items).toEqual([]);
  });
});
