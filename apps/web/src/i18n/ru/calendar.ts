import type { Messages } from '../en.ts';

const strings: Messages['calendar'] = {
  title: 'Календарь связи',
  previousMonth: 'Предыдущий месяц',
  nextMonth: 'Следующий месяц',
  today: 'Этот месяц',
  legend: 'Что означают отметки',
  planned: 'Ожидается',
  plannedHint: 'Ожидается по ритму плана: сервер планирует лишь несколько контактов вперёд.',
  noContacts: 'контактов нет',
  noContactsMonth: 'В этом месяце контактов нет.',
  suspendedNote: 'Связь приостановлена: никаких контактов не ожидается, пока приостановку не снимут.',
  keyboardHint:
    'Стрелки переходят на день и неделю, Home и End — на начало и конец недели, Page Up и Page Down — на месяц; Enter показывает контакты дня.',
};

export default strings;
