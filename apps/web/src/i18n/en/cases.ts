const strings = {
  title: 'Cases',
  intro: 'The cases of your organisation, on either side, newest first. Each began with a confirmed match.',
  status: 'Status',
  anyStatus: 'Any status',
  priority: 'Priority',
  anyPriority: 'Any priority',
  colCase: 'Case',
  colStatus: 'Status',
  colPriority: 'Priority',
  colDossier: 'Dossier',
  colRequest: 'Request',
  colOpened: 'Opened',
  caseRef: 'Case {{id}}',
  dossierRef: 'Dossier {{id}}',
  requestRef: 'Request {{id}}',
  empty: 'No case matches.',
  shown: 'Cases shown: {{count}}',
  notFound: 'This case does not exist or you may not see it.',
};

export default strings;
