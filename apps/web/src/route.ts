/** The application's pages and their paths. Names and other personal data never go in a path. */
export type Route =
  | { name: 'dashboard' }
  | { name: 'dossiers' }
  | { name: 'dossier'; id: string }
  | { name: 'requests' }
  | { name: 'newRequest' }
  | { name: 'request'; id: string }
  | { name: 'matches' }
  | { name: 'match'; id: string }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'twoFactor' }
  | { name: 'notFound' };

const uuid = '[0-9a-fA-F-]{36}';

export function parseRoute(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/') return { name: 'dashboard' };
  if (p === '/dossiers') return { name: 'dossiers' };
  if (p === '/requests') return { name: 'requests' };
  if (p === '/requests/new') return { name: 'newRequest' };
  if (p === '/matches') return { name: 'matches' };
  if (p === '/cases') return { name: 'cases' };
  if (p === '/account/two-factor') return { name: 'twoFactor' };
  let m = new RegExp(`^/dossiers/(${uuid})$`).exec(p);
  if (m) return { name: 'dossier', id: m[1]! };
  m = new RegExp(`^/requests/(${uuid})$`).exec(p);
  if (m) return { name: 'request', id: m[1]! };
  m = new RegExp(`^/matches/(${uuid})$`).exec(p);
  if (m) return { name: 'match', id: m[1]! };
  m = new RegExp(`^/cases/(${uuid})$`).exec(p);
  if (m) return { name: 'case', id: m[1]! };
  return { name: 'notFound' };
}

export const paths = {
  dashboard: '/',
  dossiers: '/dossiers',
  dossier: (id: string) => `/dossiers/${id}`,
  requests: '/requests',
  newRequest: '/requests/new',
  request: (id: string) => `/requests/${id}`,
  matches: '/matches',
  match: (id: string) => `/matches/${id}`,
  cases: '/cases',
  case: (id: string) => `/cases/${id}`,
  twoFactor: '/account/two-factor',
};
