import type { Messages } from '../en.ts';

const strings: Messages['requests'] = {
  title: 'Запити на розшук',
  new: 'Новий запит на розшук',
  searchLabel: 'Пошук за іменем дитини',
  status: 'Статус запиту',
  anyStatus: 'Будь-який статус',
  empty: 'Жоден запит на розшук не відповідає.',
  shown: 'Показано запитів: {{count}}',
  colChild: 'Дитина, яку шукають',
  colBorn: 'Народження',
  colRequester: 'Заявник',
  colFiledOn: 'Дата подання',
  colStatus: 'Статус',
  open: 'Відкрити запит на розшук: {{name}}',
  detailTitle: 'Запит на розшук',
  sought: 'Дитина, яку шукають',
  requester: 'Член родини, який звертається',
  contact: 'Контакти',
  notFound: 'Такого запиту немає, або вам не дозволено його бачити.',
};

export default strings;
