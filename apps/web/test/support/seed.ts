/** Seeding through the API, as another client would: a signed-in caller and fresh match proposals. */
import type { Role } from '@homeward/contracts';
import type { TestServer } from './server.ts';

export type Dossier = {
  id: string;
  names: Array<{ givenName: string; familyName?: string; patronymic?: string; script: string }>;
  sex: string;
  birthDate: string | null;
  birthPlace: string | null;
};

export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** A signed-in API caller for seeding, as the CLI or another client would be. */
export async function apiSession(server: TestServer): Promise<ApiCall> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.email, password: server.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/**
 * The second reviewer a case-opening match needs under the two-person rule: a match reviewer of
 * the party holding the demo dossiers. Give it to `startServerWithUsers`.
 */
export const holdingMatchReviewer = {
  email: 'holding.reviewer@demo.homeward.invalid',
  party: 'RU-DEMO' as const,
  roles: ['match-reviewer'] as Role[],
  name: 'Holding match reviewer',
};

/**
 * Confirms a match as the two-person rule asks: `first` confirms (the proposal then waits,
 * `awaiting-second`), `second` (another person, of the party holding the dossier) completes it
 * and the case opens. With the rule off the first confirmation is enough.
 */
export async function confirmWithSecond(
  first: ApiCall,
  second: ApiCall,
  proposalId: string,
  body: { reason?: string } = {},
) {
  const path = `/matches/${proposalId}/confirm`;
  const a = await first<{ status: string }>('POST', path, body);
  return a.status === 'awaiting-second' ? second<{ status: string }>('POST', path, {}) : a;
}

/**
 * Files `count` tracing requests, each for exactly the child of an open demo dossier, and answers
 * the proposals pairing each request with its dossier (fresh ones: nobody has decided them).
 */
export async function seedProposals(call: ApiCall, count: number): Promise<string[]> {
  const { items } = await call<{ items: Dossier[] }>('POST', '/dossiers/search', {
    status: 'open',
    limit: 50,
  });
  const full = items.filter((d) => d.birthDate && d.names[0]?.familyName);
  const out: string[] = [];
  for (const d of full.slice(0, count)) out.push(await fileRequestFor(call, d));
  return out;
}

/** Files a request for exactly the child in `d` and answers the proposal pairing them. */
async function fileRequestFor(call: ApiCall, d: Dossier): Promise<string> {
  const n = d.names[0]!;
  const created = await call<{ id: string }>('POST', '/requests', {
    sought: {
      names: [{ givenName: n.givenName, familyName: n.familyName, patronymic: n.patronymic }],
      sex: d.sex,
      ...(d.birthDate ? { birthDate: d.birthDate } : {}),
      ...(d.birthPlace ? { birthPlace: d.birthPlace } : {}),
    },
    requester: { name: 'Browser Test Parent', relationship: 'mother' },
  });
  const { items } = await call<{ items: Array<{ id: string; rightId: string }> }>(
    'POST',
    `/requests/${created.id}/match`,
    {},
  );
  const p = items.find((i) => i.rightId === d.id);
  if (!p) throw new Error(`no proposal pairs the new request with dossier ${d.id}`);
  return p.id;
}
