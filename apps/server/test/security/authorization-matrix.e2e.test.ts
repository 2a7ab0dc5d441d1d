import { roles, type Role } from '@homeward/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, hasTier } from '../../src/modules/auth/permissions.ts';
import { createTestApp, type Client, type TestApp } from '../test-app.ts';

// The permission matrix, generated from the live route table: every route × every role × a
// record of the caller's own party and of another party.
let t: TestApp;
const clients = {} as Record<Role, Client>;
const ids = { own: {} as Record<string, string>, other: {} as Record<string, string> };

const dossier = { names: [{ givenName: 'Софія', familyName: 'Тест' }], sex: 'female', currentLocation: { placement: 'institution', address: 'secret address' }, services: { medical: { receiving: true, summary: 'x' } } };
const request = { sought: { names: [{ givenName: 'Софія' }], sex: 'female' }, requester: { name: 'Мати', relationship: 'mother', contact: { phone: '+380500000000' } } };

beforeAll(async () => {
  t = await createTestApp();
  const own = await t.party();
  const other = await t.party('holding-country-authority');
  for (const role of roles) clients[role] = await t.login([role], own);
  const otherAdmin = await t.login(['administrator'], other);
  for (const [side, c] of [['own', clients.administrator], ['other', otherAdmin]] as const) {
    ids[side].dossiers = (await c.post('/api/v1/dossiers', dossier)).json().id;
    ids[side].requests = (await c.post('/api/v1/requests', request)).json().id;
    // A bystander whose 2FA the matrix may reset, so the callers' own sessions survive.
    ids[side].users = (await t.login(['viewer'], side === 'own' ? own : other)).userId;
    ids[side].tokens = (await c.post('/api/v1/tokens', { name: 'm', permissions: ['dossier.read'] })).json().id;
  }
}, 120_000);
afterAll(() => t.close());

/** The URL with its parameters filled by the record of that side (resource named by the segment before it). */
function fill(url: string, side: 'own' | 'other'): string {
  return url.replace(/\/([a-z-]+)\/:(\w+)/g, (_m, resource: string) => `/${resource}/${ids[side][resource] ?? ids[side].dossiers}`);
}

describe('authorization matrix', () => {
  it('refuses every route to every role that lacks its permission, and lets the others past', async () => {
    // Logging out ends the caller's session; those two routes have their own tests.
    const routes = t.app.routeTable.filter((r) => !r.public && !r.url.startsWith('/api/v1/auth/logout'));
    expect(routes.length).toBeGreaterThan(12);
    const failures: string[] = [];
    for (const route of routes) {
      for (const role of roles) {
        for (const side of route.url.includes(':') ? (['own', 'other'] as const) : (['own'] as const)) {
          const res = await clients[role].request({ method: route.method as 'GET', url: fill(route.url, side), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
          const allowed = hasPermission([role], route.permission!);
          const refused = res.statusCode === 403 && res.json().code === 'FORBIDDEN';
          if (allowed === refused || res.statusCode >= 500 || res.statusCode === 401) {
            failures.push(`${route.method} ${route.url} as ${role} (${side}): ${res.statusCode} ${res.body.slice(0, 80)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("never lets a party change another party's records, even with the right role and a known id", async () => {
    const c = clients.caseworker;
    expect((await c.patch(`/api/v1/dossiers/${ids.other.dossiers}`, { version: 1, biography: 'x' })).statusCode).toBe(404);
    expect((await c.patch(`/api/v1/requests/${ids.other.requests}`, { version: 1, status: 'closed' })).statusCode).toBe(404);
    expect((await clients.administrator.request({ method: 'DELETE', url: `/api/v1/tokens/${ids.other.tokens}` })).statusCode).toBe(404);
    expect((await clients.administrator.post(`/api/v1/users/${ids.other.users}/2fa/reset`)).statusCode).toBe(404);
  });

  it('shows each role exactly the tiers it holds, and restricted data only to its own party', async () => {
    for (const role of roles) {
      if (!hasPermission([role], 'dossier.read')) continue;
      for (const side of ['own', 'other'] as const) {
        const d = (await clients[role].get(`/api/v1/dossiers/${ids[side].dossiers}`)).json();
        expect(!!d.services.medical, `${role} ${side} services`).toBe(hasTier([role], 'sensitive'));
        expect(!!d.currentLocation.address, `${role} ${side} address`).toBe(side === 'own' && hasTier([role], 'restricted'));
        expect(d.withheld.includes('currentLocation.address')).toBe(!d.currentLocation.address);
      }
    }
    for (const role of roles) {
      if (!hasPermission([role], 'request.read')) continue;
      const own = (await clients[role].get(`/api/v1/requests/${ids.own.requests}`)).json();
      expect(!!own.requester.contact.phone, `${role} requester contact`).toBe(hasTier([role], 'restricted'));
      const other = await clients[role].get(`/api/v1/requests/${ids.other.requests}`);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual((await clients[role].get('/api/v1/requests/00000000-0000-4000-8000-000000000000')).json());
    }
  });
});
