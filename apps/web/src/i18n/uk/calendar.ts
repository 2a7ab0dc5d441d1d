import type { Messages } from '../en.ts';

const strings: Messages['calendar'] = {
  title: 'Календар контактів',
  previousMonth: 'Попередній місяць',
  nextMonth: 'Наступний місяць',
  today: 'Цей місяць',
  legend: 'Що означають позначки',
  planned: 'Очікується',
  plannedHint: 'Очікується за ритмом плану: сервер планує лише кілька контактів наперед.',
  noContacts: 'контактів немає',
  noContactsMonth: 'Цього місяця контактів немає.',
  suspendedNote: 'Контакти призупинено: жодних контактів не очікується, доки призупинення не знімуть.',
  keyboardHint:
    'Стрілки переходять на день і тиждень, Home і End — на початок і кінець тижня, Page Up і Page Down — на місяць; Enter показує контакти дня.',
};

export default strings;
