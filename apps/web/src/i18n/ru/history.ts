import type { Messages } from '../en.ts';

const strings: Messages['history'] = {
  empty: 'Истории пока нет.',
  you: 'вы',
  system: 'система',
  user: 'пользователь {{id}}',
};

export default strings;
