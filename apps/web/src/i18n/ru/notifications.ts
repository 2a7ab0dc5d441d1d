import type { Messages } from '../en.ts';

const strings: Messages['notifications'] = {
  title: 'Уведомления',
  intro:
    'Что требует вашего внимания, сначала новые. В уведомлениях нет имён: откройте уведомление, чтобы увидеть событие на месте.',
  bell: 'Уведомления',
  bellUnread: 'Уведомления: непрочитанных {{count}}',
  unreadOnly: 'Только непрочитанные',
  readAll: 'Отметить все прочитанными',
  marked: 'Отмечено прочитанными: {{count}}',
  shown: 'Показано уведомлений: {{count}}',
  empty: 'Уведомлений нет.',
  new: 'новое',
  open: 'Открыть',
  markRead: 'Отметить прочитанным',
  kind: {
    'case.opened': 'Открыто дело',
    'case.status-changed': 'Дело перешло на новый этап',
    'contact.overdue': 'Запланированный контакт просрочен',
    'message.review-needed': 'Сообщение ждёт вашей проверки',
    'message.delivered': 'Новое сообщение для вашей стороны',
    'message.returned': 'Сообщение возвращено отправителю',
    'reunification.approval-needed': 'План воссоединения ждёт одобрения',
    'reunification.plan-withdrawn': 'План воссоединения отозван',
    'reunification.handover-awaiting': 'Другая сторона записала передачу: ждём вашу запись',
    'reunification.welfare-urgent': 'Проверка благополучия выявила срочную проблему',
    'reunification.welfare-overdue': 'Проверка благополучия просрочена',
    'age-out.eligible': 'Молодому человеку исполнилось 18: нужно его решение',
    'age-out.overdue': 'Срок для молодого человека истёк',
    'age-out.due': 'Молодому человеку скоро 18',
    'security.new-device': 'Вход с нового устройства или адреса',
    'security.bulk-read': 'Необычно много записей просмотрено за час',
    'security.second-factor-failures': 'Повторные неверные коды входа',
  },
  subject: {
    case: 'Дело',
    'age-out': 'Достигает 18 лет',
    'contact-plan': 'План связи',
    message: 'Сообщение',
    'reunification-plan': 'План воссоединения',
    'welfare-check': 'Проверка благополучия',
    match: 'Совпадение',
    dossier: 'Досье',
    user: 'Учётная запись',
  },
};

export default strings;
