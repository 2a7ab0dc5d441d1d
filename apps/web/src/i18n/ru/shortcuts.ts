import type { Messages } from '../en.ts';

const strings: Messages['shortcuts'] = {
  button: 'Сочетания клавиш',
  title: 'Сочетания клавиш',
  note: 'Не действуют, пока вы вводите текст в поле.',
  move: 'Следующее / предыдущее предложение',
  open: 'Открыть выбранное предложение',
  confirm: 'Подтвердить совпадение (открывает диалог)',
  reject: 'Отклонить совпадение (открывает диалог)',
};

export default strings;
