import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { systemActor } from '../auth/actor.ts';
import { seedConsents } from '../consent/consent.seed.ts';
import { saveDossierBatch } from '../dossiers/dossiers.service.ts';
import { findPartyByCode } from '../parties/parties.repository.ts';
import { createParty } from '../parties/parties.service.ts';
import { saveRequestBatch } from '../requests/requests.service.ts';
import { createUser } from '../users/users.service.ts';
import { generateDemoChildren } from './demo-data.ts';

export const demoParties = [
  { code: 'UA-DEMO', name: 'Home-country authority (Ukraine) — fictional demo party', kind: 'home-country-authority' },
  { code: 'RU-DEMO', name: 'Holding-country authority (Russia) — fictional demo party', kind: 'holding-country-authority' },
  { code: 'US-DEMO', name: 'Mediating government (United States) — fictional demo party', kind: 'mediator' },
  { code: 'ICRC-DEMO', name: 'Humanitarian organisation — fictional demo party', kind: 'humanitarian-organisation' },
] as const;

export interface DemoSeedResult {
  dossiers: number;
  requests: number;
  admin?: { email: string; password: string };
}

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('party').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Seeds fictional demo data: four parties, an administrator (a random password, returned once),
 * dossiers supplied by the holding-country party and requests filed by the home-country party.
 * Idempotent: source ids make a second run update, not duplicate.
 */
export async function seedDemo(db: Kysely<DB>, clock: Clock, count = 300, opts: { createAdmin?: boolean } = {}) {
  const actor = systemActor();
  for (const p of demoParties) {
    if (await findPartyByCode(db, p.code)) continue;
    const party = await createParty(db, actor, p);
    // Demo parties let officials in with a password alone, so the demo opens without an
    // authenticator app; real parties require two-factor authentication by default.
    await db.updateTable('party').set({ require_two_factor: false }).where('id', '=', party.id).execute();
  }
  const holder = (await findPartyByCode(db, 'RU-DEMO'))!;
  const home = (await findPartyByCode(db, 'UA-DEMO'))!;
  const children = generateDemoChildren(count, 2025);
  let requests = 0;
  const ids = { dossiers: [] as string[], requests: [] as string[] };
  for (let i = 0; i < children.length; i += 500) {
    const slice = children.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      ids.dossiers.push(...(await saveDossierBatch(trx, systemActor(holder.id), holder.id, slice.map((c) => c.dossier), clock.now())).map((r) => r.id));
      const reqs = slice.flatMap((c) => (c.request ? [c.request] : []));
      requests += reqs.length;
      ids.requests.push(...(await saveRequestBatch(trx, systemActor(home.id), home.id, reqs, clock.now())).map((r) => r.id));
    });
  }
  // Consent on record for every demo child and request, so that the demo also works with the
  // parties in strict consent mode (docs/SECURITY.md, "Consent").
  const others = (code: string) => demoParties.map((p) => p.code).filter((c) => c !== code);
  await db.transaction().execute(async (trx) => {
    await seedConsents(trx, clock.now(), { partyId: holder.id, dossierIds: ids.dossiers, requestIds: [], sharingWith: others(holder.code) });
    await seedConsents(trx, clock.now(), { partyId: home.id, dossierIds: [], requestIds: ids.requests, sharingWith: others(home.code) });
  });
  const result: DemoSeedResult = { dossiers: children.length, requests };
  if (opts.createAdmin) {
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    const email = 'admin@demo.homeward.invalid';
    await createUser(db, actor, { email, displayName: 'Demo administrator', partyCode: 'UA-DEMO', roles: ['administrator'], password });
    result.admin = { email, password };
  }
  return result;
}
