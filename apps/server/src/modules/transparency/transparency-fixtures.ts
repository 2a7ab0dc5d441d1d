// Test support for the transparency tests: three parties, a dossier, officials who attest.
import { sql } from 'kysely';
import type { Response as InjectResponse } from 'light-my-request';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { approveAttestation } from '../../../test/two-person.ts';

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
  /** The second verifiers the two-person rule asks for: another verifier of ua's and of the mediator's party. */
  uaSecond: Client;
  mediatorSecond: Client;
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
  const uaSecond = await pairVerifier(t, ua, p2!);
  const mediatorSecond = await pairVerifier(t, mediator, p3!);
  const viewer = await t.login(['viewer'], p4);
  return {
    t,
    holder,
    ua,
    mediator,
    uaSecond,
    mediatorSecond,
    viewer,
    parties: { holder: p1!, ua: p2!, mediator: p3!, icrc: p4! },
  };
}

export async function createDossier(
  w: World,
  over: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await w.holder.post('/api/v1/dossiers', child(over));
  if (res.statusCode !== 201) throw new Error(`dossier: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The second verifier of each first verifier (two-person rule), for `attestAs`. */
const secondOf = new WeakMap<Client, Client>();

/** Logs in another verifier of `first`'s party, who gives the second approval of `first`'s attestations. */
export async function pairVerifier(
  t: TestApp,
  first: Client,
  party: { id: string; code: string },
): Promise<Client> {
  const second = await t.login(['verifier'], party);
  secondOf.set(first, second);
  return second;
}

/** An answer of `attestAs`: the refusal as the server sent it, or 201 with the attestation signed. */
export type Attested = Pick<InjectResponse, 'statusCode' | 'body' | 'json'>;

/**
 * Attests a dossier as `c`, under the two-person rule: when the call answers 202 (nothing signed
 * yet), the second verifier paired with `c` approves it and the answer is the attestation signed,
 * with 201, as the one-person call answered. Refusals are returned as they are.
 */
export async function attestAs(
  c: Client,
  subjectId: string,
  claim = 'identity-verified',
  extra: Record<string, unknown> = {},
): Promise<Attested> {
  const body = { subjectType: 'dossier' as const, subjectId, claim, ...extra };
  const asked = await c.post('/api/v1/attestations', body);
  if (asked.statusCode !== 202) return asked;
  const second = secondOf.get(c);
  if (!second) throw new Error('attestAs: no second verifier for this client (pairVerifier)');
  const { attestation } = await approveAttestation(c, second, asked, body);
  return { statusCode: 201, body: JSON.stringify(attestation), json: <T>() => attestation as T };
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
