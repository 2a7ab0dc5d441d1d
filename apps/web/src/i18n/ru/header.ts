import type { Messages } from '../en.ts';

const strings: Messages['header'] = {
  party: 'Организация',
  roles: 'Роль',
  signOut: 'Выйти',
  language: 'Язык',
  signedInAs: 'Вы вошли как {{name}}',
};

export default strings;
