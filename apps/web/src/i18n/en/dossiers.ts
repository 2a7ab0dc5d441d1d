const strings = {
  title: 'Children (dossiers)',
  searchLabel: 'Search by name',
  searchHint: 'Type in any alphabet: «Aleksandr» also finds «Олександр» and «Александр».',
  searchPlaceholder: 'Given name, family name or patronymic',
  filters: 'Filters',
  status: 'Dossier status',
  anyStatus: 'Any status',
  birthYear: 'Year of birth',
  region: 'Region',
  regionHint: 'e.g. Ростовская область',
  clearFilters: 'Clear filters',
  results: 'Search results',
  noResults: 'No child matches this search. Try another spelling or fewer filters.',
  shown: 'Children shown: {{count}}',
  colName: 'Name',
  colBorn: 'Born',
  colRegion: 'Region',
  colPlacement: 'Placement',
  colStatus: 'Status',
  open: 'Open the dossier of {{name}}',
};

export default strings;
