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
  | { name: 'case'; id: string; tab: CaseTab }
  | { name: 'ageOut' }
  | { name: 'ageOutEntry'; id: string }
  | { name: 'notifications' }
  | { name: 'contactReport' }
  | { name: 'reports' }
  | { name: 'twoFactor' }
  | { name: 'verification' }
  | { name: 'audit' }
  | { name: 'log' }
  | { name: 'admin' }
  | { name: 'exports' }
  | { name: 'sharing' }
  | { name: 'sharingRequest'; id: string }
  | { name: 'notFound' };

/** The sections of a case page; each has its own path so a notification can point at it. */
export const caseTabs = ['overview', 'contact', 'messages', 'reunification'] as const;
export type CaseTab = (typeof caseTabs)[number];

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
  if (p === '/age-out') return { name: 'ageOut' };
  if (p === '/notifications') return { name: 'notifications' };
  if (p === '/reports/contact') return { name: 'contactReport' };
  if (p === '/reports') return { name: 'reports' };
  if (p === '/verification') return { name: 'verification' };
  if (p === '/audit') return { name: 'audit' };
  if (p === '/log') return { name: 'log' };
  if (p === '/admin') return { name: 'admin' };
  if (p === '/exports') return { name: 'exports' };
  if (p === '/sharing') return { name: 'sharing' };
  let m = new RegExp(`^/dossiers/(${uuid})$`).exec(p);
  if (m) return { name: 'dossier', id: m[1]! };
  m = new RegExp(`^/requests/(${uuid})$`).exec(p);
  if (m) return { name: 'request', id: m[1]! };
  m = new RegExp(`^/matches/(${uuid})$`).exec(p);
  if (m) return { name: 'match', id: m[1]! };
  m = new RegExp(`^/cases/(${uuid})(?:/(contact|messages|reunification))?$`).exec(p);
  if (m) return { name: 'case', id: m[1]!, tab: (m[2] as CaseTab | undefined) ?? 'overview' };
  m = new RegExp(`^/age-out/(${uuid})$`).exec(p);
  if (m) return { name: 'ageOutEntry', id: m[1]! };
  m = new RegExp(`^/sharing/requests/(${uuid})$`).exec(p);
  if (m) return { name: 'sharingRequest', id: m[1]! };
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
  case: (id: string, tab: CaseTab = 'overview') =>
    tab === 'overview' ? `/cases/${id}` : `/cases/${id}/${tab}`,
  ageOut: '/age-out',
  ageOutEntry: (id: string) => `/age-out/${id}`,
  notifications: '/notifications',
  contactReport: '/reports/contact',
  reports: '/reports',
  twoFactor: '/account/two-factor',
  verification: '/verification',
  audit: '/audit',
  log: '/log',
  admin: '/admin',
  exports: '/exports',
  sharing: '/sharing',
  /** What each other party sees of a request (its filing party only). */
  sharingRequest: (id: string) => `/sharing/requests/${id}`,
};
