const strings = {
  title: 'Tracing requests',
  new: 'New tracing request',
  searchLabel: 'Search by the child’s name',
  status: 'Request status',
  anyStatus: 'Any status',
  empty: 'No tracing request matches.',
  shown: 'Requests shown: {{count}}',
  colChild: 'Child sought',
  colBorn: 'Born',
  colRequester: 'Filed by',
  colFiledOn: 'Filed on',
  colStatus: 'Status',
  open: 'Open the tracing request for {{name}}',
  detailTitle: 'Tracing request',
  sought: 'The child sought',
  requester: 'The family member asking',
  contact: 'Contact',
  notFound: 'This tracing request does not exist or you may not see it.',
};

export default strings;
