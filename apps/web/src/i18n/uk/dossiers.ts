import type { Messages } from '../en.ts';

const strings: Messages['dossiers'] = {
  title: 'Діти (досьє)',
  searchLabel: 'Пошук за іменем',
  searchHint: 'Пишіть будь-якою абеткою: «Aleksandr» знайде також «Олександр» і «Александр».',
  searchPlaceholder: 'Ім’я, прізвище або по батькові',
  filters: 'Фільтри',
  status: 'Статус досьє',
  anyStatus: 'Будь-який статус',
  birthYear: 'Рік народження',
  region: 'Регіон',
  regionHint: 'напр. Ростовская область',
  clearFilters: 'Скинути фільтри',
  results: 'Результати пошуку',
  noResults: 'Жодна дитина не відповідає пошуку. Спробуйте інше написання або менше фільтрів.',
  shown: 'Показано дітей: {{count}}',
  colName: 'Ім’я',
  colBorn: 'Народження',
  colRegion: 'Регіон',
  colPlacement: 'Влаштування',
  colStatus: 'Статус',
  open: 'Відкрити досьє: {{name}}',
};

export default strings;
