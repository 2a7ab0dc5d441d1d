import type { Messages } from '../en.ts';

const strings: Messages['login'] = {
  title: 'Вход',
  intro: 'Войдите с адресом электронной почты и паролем, которые вам выдал администратор.',
  demoHint: 'Пробуете демоверсию? Её адрес и пароль выведены в окне, где запущен Homeward.',
  email: 'Адрес электронной почты',
  password: 'Пароль',
  submit: 'Войти',
  signingIn: 'Вход…',
};

export default strings;
