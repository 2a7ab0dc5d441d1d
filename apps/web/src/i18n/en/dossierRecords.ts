const strings = {
  matches: 'Matches',
  case: 'Cases',
  history: 'History',
  matchesLabel: 'Match proposals for this dossier',
  casesLabel: 'Cases of this dossier',
  historyLabel: 'Changes to this dossier',
  noMatches: 'No match has been proposed for this dossier.',
  noCases: 'This dossier is not part of any case yet.',
  colKind: 'Kind',
  colScore: 'Probability',
  colStatus: 'Status',
  colProposed: 'Proposed',
  colOpen: 'Open',
  colWhen: 'When',
  colWhat: 'What',
  colFields: 'Fields',
  colWho: 'By',
  action: {
    create: 'Created',
    update: 'Changed',
    merge: 'Merged with a duplicate',
    unmerge: 'Merge undone',
  },
};

export default strings;
