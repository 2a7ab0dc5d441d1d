const strings = {
  verification: 'Verification',
  audit: 'Audit trail',
  log: 'Log status',
  admin: 'Administration',
  ageOut: 'Turning 18',
  notifications: 'Notifications',
  contactReport: 'Contact report',
  reports: 'Reports',
  label: 'Main navigation',
  dashboard: 'Overview',
  dossiers: 'Children (dossiers)',
  requests: 'Tracing requests',
  newRequest: 'New tracing request',
  matches: 'Match review',
  cases: 'Cases',
  openMenu: 'Open or close the menu',
};

export default strings;
