const strings = {
  title: 'Match review',
  intro:
    'What the matching engine proposes for your organisation, most probable first. The list shows no names: open a proposal to compare both records side by side and decide.',
  status: 'Status',
  kind: 'Kind of proposal',
  anyKind: 'Any kind',
  colKind: 'Kind',
  colScore: 'Probability',
  colDecision: 'Assessment',
  colStatus: 'Status',
  colCreated: 'Proposed',
  review: 'Review',
  open: 'Review proposal {{id}}',
  empty: 'No proposal has this status.',
  shown: 'Proposals shown: {{count}}',
  notFound: 'This proposal does not exist or you may not see it.',
};

export default strings;
