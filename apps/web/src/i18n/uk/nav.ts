import type { Messages } from '../en.ts';

const strings: Messages['nav'] = {
  verification: 'Верифікація',
  audit: 'Журнал аудиту',
  log: 'Стан журналу',
  admin: 'Адміністрування',
  ageOut: 'Досягають 18 років',
  notifications: 'Сповіщення',
  contactReport: 'Звіт про контакти',
  reports: 'Звіти',
  label: 'Головна навігація',
  dashboard: 'Огляд',
  dossiers: 'Діти (досьє)',
  requests: 'Запити на розшук',
  newRequest: 'Новий запит на розшук',
  matches: 'Перевірка збігів',
  cases: 'Справи',
  openMenu: 'Відкрити або закрити меню',
};

export default strings;
