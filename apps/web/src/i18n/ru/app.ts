import type { Messages } from '../en.ts';

const strings: Messages['app'] = {
  yes: 'Да',
  no: 'Нет',
  name: 'Homeward',
  tagline: 'Розыск детей, перемещённых из-за войны',
  skipToContent: 'Перейти к основному содержимому',
  loading: 'Загрузка…',
  loadMore: 'Показать ещё',
  loadingMore: 'Загрузка…',
  back: 'Назад',
  notRecorded: 'Не указано',
  fictionalData: 'Демонстрационные данные: все записи здесь вымышлены.',
};

export default strings;
