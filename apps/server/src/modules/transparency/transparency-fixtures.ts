// Test support for the transparency tests: three parties, a dossier, officials who attest.
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';

export const child = (over: Record<string, unknown> = {}) => ({
  names: [{ givenName: 'Олена', familyName: 'Вигадана' }],
  sex: 'female',
  birthDate: '2013-04-17',
  birthPlace: 'Херсон',
  displacement: { place: 'Херсон', date: '2022-10', kind: 'other' },
  currentLocation: { region: 'Fictional region', placement: 'foster-family' },
  services: { medical: { receiving: true, summary: 'regular check-ups' } },
  languages: ['uk'],
  ...over,
});

export interface World {
  t: TestApp;
  holder: Client;
  ua: Client;
  mediator: Client;
  viewer: Client;
  parties: Record<'holder' | 'ua' | 'mediator' | 'icrc', { id: string; code: string }>;
}

/** A holding country that supplies dossiers, a home country and a mediator that verify. */
export async function createWorld(now?: string): Promise<World> {
  const t = await createTestApp(now);
  const kinds = [
    'holding-country-authority',
    'home-country-authority',
    'mediator',
    'humanitarian-organisation',
  ];
  const [p1, p2, p3, p4] = await Promise.all(kinds.map((k) => t.party(k)));
  await withoutTwoFactor(t, [p1!.id, p2!.id, p3!.id, p4!.id]);
  const holder = await t.login(['caseworker'], p1);
  const ua = await t.login(['verifier'], p2);
  const mediator = await t.login(['verifier'], p3);
  const viewer = await t.login(['viewer'], p4);
  return { t, holder, ua, mediator, viewer, parties: { holder: p1!, ua: p2!, mediator: p3!, icrc: p4! } };
}

export async function createDossier(
  w: World,
  over: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await w.holder.post('/api/v1/dossiers', child(over));
  if (res.statusCode !== 201) throw new Error(`dossier: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function attestAs(
  c: Client,
  subjectId: string,
  claim = 'identity-verified',
  extra: Record<string, unknown> = {},
) {
  return c.post('/api/v1/attestations', { subjectType: 'dossier', subjectId, claim, ...extra });
}

// Two-factor enrolment is not what these tests are about: where parties require it, turn it off.
async function withoutTwoFactor(t: TestApp, partyIds: string[]) {
  const col =
    await sql`select 1 from information_schema.columns where table_name = 'party' and column_name = 'require_two_factor'`.execute(
      t.database.db,
    );
  if (col.rows.length)
    await sql`update party set require_two_factor = false where id = any(${partyIds}::uuid[])`.execute(
      t.database.db,
    );
}
