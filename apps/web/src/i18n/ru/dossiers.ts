import type { Messages } from '../en.ts';

const strings: Messages['dossiers'] = {
  title: 'Дети (досье)',
  searchLabel: 'Поиск по имени',
  searchHint: 'Пишите любым алфавитом: «Aleksandr» найдёт и «Олександр», и «Александр».',
  searchPlaceholder: 'Имя, фамилия или отчество',
  filters: 'Фильтры',
  status: 'Статус досье',
  anyStatus: 'Любой статус',
  birthYear: 'Год рождения',
  region: 'Регион',
  regionHint: 'напр. Ростовская область',
  clearFilters: 'Сбросить фильтры',
  results: 'Результаты поиска',
  noResults: 'Ни один ребёнок не подходит под поиск. Попробуйте другое написание или меньше фильтров.',
  shown: 'Показано детей: {{count}}',
  colName: 'Имя',
  colBorn: 'Рождение',
  colRegion: 'Регион',
  colPlacement: 'Устройство',
  colStatus: 'Статус',
  open: 'Открыть досье: {{name}}',
};

export default strings;
