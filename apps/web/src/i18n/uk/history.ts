import type { Messages } from '../en.ts';

const strings: Messages['history'] = {
  empty: 'Історії ще немає.',
  you: 'ви',
  system: 'автоматично',
  user: 'користувач {{id}}',
};

export default strings;
