import type { Messages } from '../en.ts';

const strings: Messages['audit'] = {
  title: 'Журнал аудиту',
  noAccess: 'Ваша роль не дозволяє читати журнал аудиту.',
  intro: 'Хто, що, з яким записом і коли зробив. Записи містять лише ідентифікатори й коди, ніколи імена.',
  filters: 'Фільтри',
  action: 'Дія',
  recordType: 'Тип запису',
  recordId: 'Ідентифікатор запису',
  user: 'Ідентифікатор користувача',
  userHint: 'Повний ідентифікатор, як у журналі',
  from: 'Від',
  to: 'До',
  apply: 'Показати',
  clear: 'Очистити',
  shown: 'Показано записів: {{count}} (сторінка {{page}})',
  empty: 'Жоден запис не відповідає цим фільтрам.',
  colWhen: 'Коли',
  colAction: 'Дія',
  colRecord: 'Запис',
  colWho: 'Хто',
  colFields: 'Поля запису',
  colDetails: 'Подробиці',
  reason: 'Підстава: {{reason}}',
  newer: '← Новіші',
  older: 'Старіші →',
};

export default strings;
