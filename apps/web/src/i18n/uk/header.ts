import type { Messages } from '../en.ts';

const strings: Messages['header'] = {
  party: 'Організація',
  roles: 'Роль',
  signOut: 'Вийти',
  language: 'Мова',
  signedInAs: 'Ви увійшли як {{name}}',
};

export default strings;
