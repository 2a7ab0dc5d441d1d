import type { Messages } from '../en.ts';

const strings: Messages['dashboard'] = {
  open: 'Відкрити',
  openCard: 'Відкрити: {{what}}',
  suppressed: 'Приховано: менше за поріг звітності',
  period: 'З {{from}} до {{to}} (не включно) · кількості менші за {{threshold}} приховано',
  requestsFiled: 'Подано запитів на розшук',
  requestsMatched: 'Запитів зі збігом',
  casesTotal: 'Справи',
  reunifications: 'Возз’єднання',
  filedByMonth: 'Подані запити на розшук за місяцями',
  approvals: 'Погодження, що чекають на вас',
  approvalsNone: 'Жодне підтвердження не чекає на вас як на другу особу.',
  approvalBy: 'перше надав(ла)',
  approvalExpires: 'спливає {{date}}',
  approvalAct: {
    match: {
      'confirm-case': 'Підтвердження збігу (відкриває справу)',
      'confirm-merge': 'Підтвердження збігу (та сама дитина)',
    },
    consent: {
      override: 'Рішення всупереч згоді',
    },
    user: {
      'grant-role': 'Надання ролі',
    },
    'two-factor': {
      reset: 'Скидання двоетапної перевірки',
    },
    record: {
      erase: 'Стирання запису',
    },
    attestation: {
      verify: 'Твердження верифікації (засвідчення)',
    },
  },
  card: {
    openRequests: 'Відкриті запити на розшук вашої організації',
    matches: 'Пропозиції збігів на розгляд',
    attestations: 'Записи, що чекають на засвідчення вашої організації',
    claims: 'Тверджень для засвідчення: {{count}}',
    messages: 'Повідомлення на перевірку',
    inCases: 'Справ: {{count}}',
    firstCases: 'Пораховано за першими {{count}} справами',
    overdueContacts: 'Прострочені контакти',
    ageOut: 'Досягають 18 років: прострочені рішення',
    ageOutDetail: 'Прострочено: {{overdue}} · можна вирішувати: {{eligible}}',
    notifications: 'Непрочитані сповіщення',
  },
  title: 'Огляд',
  welcome: 'Вітаємо, {{name}}',
  awaits: 'На вас чекає',
  awaitsOpenRequests: 'Відкриті запити на розшук від вашої організації, що чекають на збіг: {{count}}',
  awaitsAttestation: 'Досьє, що чекають на засвідчення вашої організації: {{count}}',
  awaitsNothing: 'Зараз на вас нічого не чекає.',
  oldestOpen: 'Чекають найдовше',
  figures: 'Основні показники',
  dossiersTotal: 'Дітей в обліку',
  dossiersOpen: 'Відкриті досьє',
  requestsTotal: 'Запити на розшук',
  requestsByStatus: 'Запити на розшук за статусом',
  atLeast: '{{count}}+',
  startSearch: 'Знайти дитину',
  startRequest: 'Подати запит на розшук',
};

export default strings;
