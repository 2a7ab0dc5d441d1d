import type { Messages } from '../en.ts';

const strings: Messages['dashboard'] = {
  open: 'Открыть',
  openCard: 'Открыть: {{what}}',
  suppressed: 'Скрыто: меньше порога отчётности',
  period: 'С {{from}} по {{to}} (не включая) · количества меньше {{threshold}} скрыты',
  requestsFiled: 'Подано запросов на розыск',
  requestsMatched: 'Запросов с совпадением',
  casesTotal: 'Дела',
  reunifications: 'Воссоединения',
  filedByMonth: 'Поданные запросы на розыск по месяцам',
  approvals: 'Одобрения, которые ждут вас',
  approvalsNone: 'Ни одно подтверждение не ждёт вас как второго человека.',
  approvalBy: 'первое дал(а)',
  approvalExpires: 'истекает {{date}}',
  approvalAct: {
    match: {
      'confirm-case': 'Подтверждение совпадения (открывает дело)',
      'confirm-merge': 'Подтверждение совпадения (тот же ребёнок)',
    },
    consent: {
      override: 'Решение вопреки согласию',
    },
    user: {
      'grant-role': 'Предоставление роли',
    },
    'two-factor': {
      reset: 'Сброс двухэтапной проверки',
    },
    record: {
      erase: 'Стирание записи',
    },
    attestation: {
      verify: 'Утверждение верификации (заверение)',
    },
  },
  card: {
    openRequests: 'Открытые запросы на розыск вашей организации',
    matches: 'Предложения совпадений на рассмотрение',
    attestations: 'Записи, ожидающие заверения вашей организацией',
    claims: 'Утверждений для заверения: {{count}}',
    messages: 'Сообщения на проверку',
    inCases: 'Дел: {{count}}',
    firstCases: 'Подсчитано по первым {{count}} делам',
    overdueContacts: 'Просроченные контакты',
    ageOut: 'Достигают 18 лет: просроченные решения',
    ageOutDetail: 'Просрочено: {{overdue}} · можно решать: {{eligible}}',
    notifications: 'Непрочитанные уведомления',
  },
  title: 'Обзор',
  welcome: 'Здравствуйте, {{name}}',
  awaits: 'Вас ждёт',
  awaitsOpenRequests: 'Открытые запросы о розыске от вашей организации, ожидающие совпадения: {{count}}',
  awaitsAttestation: 'Досье, ожидающие заверения вашей организацией: {{count}}',
  awaitsNothing: 'Сейчас вас ничего не ждёт.',
  oldestOpen: 'Ждут дольше всех',
  figures: 'Основные показатели',
  dossiersTotal: 'Детей на учёте',
  dossiersOpen: 'Открытые досье',
  requestsTotal: 'Запросы о розыске',
  requestsByStatus: 'Запросы о розыске по статусу',
  atLeast: '{{count}}+',
  startSearch: 'Найти ребёнка',
  startRequest: 'Подать запрос о розыске',
};

export default strings;
