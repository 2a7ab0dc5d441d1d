import type { Messages } from '../en.ts';

const strings: Messages['app'] = {
  yes: 'Так',
  no: 'Ні',
  name: 'Homeward',
  tagline: 'Розшук дітей, переміщених через війну',
  skipToContent: 'Перейти до основного вмісту',
  loading: 'Завантаження…',
  loadMore: 'Показати більше',
  loadingMore: 'Завантаження…',
  back: 'Назад',
  notRecorded: 'Не зазначено',
  fictionalData: 'Демонстраційні дані: усі записи тут вигадані.',
};

export default strings;
