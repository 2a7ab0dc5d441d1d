import type { Messages } from '../en.ts';

const strings: Messages['requests'] = {
  title: 'Запросы о розыске',
  new: 'Новый запрос о розыске',
  searchLabel: 'Поиск по имени ребёнка',
  status: 'Статус запроса',
  anyStatus: 'Любой статус',
  empty: 'Ни один запрос о розыске не подходит.',
  shown: 'Показано запросов: {{count}}',
  colChild: 'Разыскиваемый ребёнок',
  colBorn: 'Рождение',
  colRequester: 'Заявитель',
  colFiledOn: 'Дата подачи',
  colStatus: 'Статус',
  open: 'Открыть запрос о розыске: {{name}}',
  detailTitle: 'Запрос о розыске',
  sought: 'Разыскиваемый ребёнок',
  requester: 'Обратившийся член семьи',
  contact: 'Контакты',
  notFound: 'Такого запроса нет, или вам не разрешено его видеть.',
};

export default strings;
