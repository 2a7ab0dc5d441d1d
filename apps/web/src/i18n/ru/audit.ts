import type { Messages } from '../en.ts';

const strings: Messages['audit'] = {
  title: 'Журнал аудита',
  noAccess: 'Ваша роль не позволяет читать журнал аудита.',
  intro:
    'Кто, что, с какой записью и когда сделал. Записи содержат только идентификаторы и коды, никогда имена.',
  filters: 'Фильтры',
  action: 'Действие',
  recordType: 'Тип записи',
  recordId: 'Идентификатор записи',
  user: 'Идентификатор пользователя',
  userHint: 'Полный идентификатор, как в журнале',
  from: 'С',
  to: 'По',
  apply: 'Показать',
  clear: 'Сбросить',
  shown: 'Показано записей: {{count}} (страница {{page}})',
  empty: 'Ни одна запись не соответствует этим фильтрам.',
  colWhen: 'Когда',
  colAction: 'Действие',
  colRecord: 'Запись',
  colWho: 'Кто',
  colFields: 'Поля',
  colDetails: 'Подробности',
  reason: 'Причина: {{reason}}',
  newer: '← Новее',
  older: 'Старше →',
};

export default strings;
