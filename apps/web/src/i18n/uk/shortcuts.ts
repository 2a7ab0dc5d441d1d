import type { Messages } from '../en.ts';

const strings: Messages['shortcuts'] = {
  button: 'Клавіатурні скорочення',
  title: 'Клавіатурні скорочення',
  note: 'Не діють, поки ви вводите текст у поле.',
  move: 'Наступна / попередня пропозиція',
  open: 'Відкрити вибрану пропозицію',
  confirm: 'Підтвердити збіг (відкриває діалог)',
  reject: 'Відхилити збіг (відкриває діалог)',
};

export default strings;
