import type { Messages } from '../en.ts';

const strings: Messages['login'] = {
  title: 'Вхід',
  intro: 'Увійдіть з адресою електронної пошти та паролем, які вам надав адміністратор.',
  demoHint: 'Пробуєте демоверсію? Її адреса й пароль виведені у вікні, де запущено Homeward.',
  email: 'Адреса електронної пошти',
  password: 'Пароль',
  submit: 'Увійти',
  signingIn: 'Вхід…',
};

export default strings;
