import type { Messages } from '../en.ts';

const strings: Messages['notifications'] = {
  title: 'Сповіщення',
  intro:
    'Що потребує вашої уваги, спершу нові. У сповіщеннях немає імен: відкрийте сповіщення, щоб побачити подію на місці.',
  bell: 'Сповіщення',
  bellUnread: 'Сповіщення: непрочитаних {{count}}',
  unreadOnly: 'Лише непрочитані',
  readAll: 'Позначити всі прочитаними',
  marked: 'Позначено прочитаними: {{count}}',
  shown: 'Показано сповіщень: {{count}}',
  empty: 'Сповіщень немає.',
  new: 'нове',
  open: 'Відкрити',
  markRead: 'Позначити прочитаним',
  kind: {
    'case.opened': 'Відкрито справу',
    'case.status-changed': 'Справа перейшла на новий етап',
    'contact.overdue': 'Запланований контакт прострочено',
    'message.review-needed': 'Повідомлення очікує вашої перевірки',
    'message.delivered': 'Нове повідомлення для вашої сторони',
    'message.returned': 'Повідомлення повернуто відправникові',
    'reunification.approval-needed': 'План возз’єднання очікує схвалення',
    'reunification.plan-withdrawn': 'План возз’єднання відкликано',
    'reunification.handover-awaiting': 'Інша сторона записала передачу: очікується ваш запис',
    'reunification.welfare-urgent': 'Перевірка добробуту виявила термінову проблему',
    'reunification.welfare-overdue': 'Перевірку добробуту прострочено',
    'age-out.eligible': 'Молодій людині виповнилося 18: потрібне її рішення',
    'age-out.overdue': 'Строк для молодої людини минув',
    'age-out.due': 'Молодій людині незабаром 18',
    'security.new-device': 'Вхід із нового пристрою чи адреси',
    'security.bulk-read': 'Незвично багато записів переглянуто за годину',
    'security.second-factor-failures': 'Повторні неправильні коди входу',
  },
  subject: {
    case: 'Справа',
    'age-out': 'Досягає 18 років',
    'contact-plan': 'План контактів',
    message: 'Повідомлення',
    'reunification-plan': 'План возз’єднання',
    'welfare-check': 'Перевірка добробуту',
    match: 'Збіг',
    dossier: 'Досьє',
    user: 'Обліковий запис',
  },
};

export default strings;
