import type { Messages } from '../en.ts';

const strings: Messages['nav'] = {
  verification: 'Верификация',
  audit: 'Журнал аудита',
  log: 'Состояние журнала',
  admin: 'Администрирование',
  ageOut: 'Достигают 18 лет',
  notifications: 'Уведомления',
  contactReport: 'Отчёт о контактах',
  reports: 'Отчёты',
  label: 'Главная навигация',
  dashboard: 'Обзор',
  dossiers: 'Дети (досье)',
  requests: 'Запросы о розыске',
  newRequest: 'Новый запрос о розыске',
  matches: 'Проверка совпадений',
  cases: 'Дела',
  openMenu: 'Открыть или закрыть меню',
};

export default strings;
