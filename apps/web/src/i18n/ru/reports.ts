import type { Messages } from '../en.ts';

const strings: Messages['reports'] = {
  title: 'Отчёты',
  intro:
    'Сводные показатели вашей организации: дети, запросы, дела и воссоединения. Только количества, ни одной записи; малые числа скрыты, чтобы ни одного ребёнка нельзя было узнать.',
  fromMonth: 'С месяца',
  toMonth: 'По месяц (включительно)',
  badPeriod: 'Первый месяц не может быть позже последнего.',
  publicPage: 'Публичная страница прозрачности',
  suppressionNote: 'Количества меньше {{min}} скрыты, а также ещё одно количество там, где итог мог бы их раскрыть. Возраст и текущие статусы — на {{asOf}}.',
  withheld: '< {{min}}',
  withheldTitle: 'Меньше {{min}}: скрыто для защиты детей',
  total: 'Итого',
  empty: 'За этот период ничего нет.',
  unknown: 'Не указано',
  ageGroup: '{{group}} лет',
  days: '{{n}} дн.',
  headline: {
    children: 'Дети (досье)',
    filed: 'Подано запросов',
    matched: 'Запросов с совпадением',
    verified: 'Верифицированных запросов',
    reunited: 'Воссоединённых детей',
  },
  byStatus: 'Дети по статусу досье',
  byDisplacement: 'Дети по способу перемещения',
  byAgeGroup: 'Дети по возрасту',
  byRegion: 'Дети по текущему региону',
  casesByStatus: 'Дела по этапу',
  durations: 'Сколько это занимает',
  durationFrom: 'От … до …',
  median: 'Медиана',
  p90: '9 из 10 — в течение',
  observations: 'Учтено дел',
  duration: {
    requestToMatch: 'От запроса до совпадения',
    matchToReunion: 'От совпадения до воссоединения',
    requestToReunion: 'От запроса до воссоединения',
  },
  filedByMonth: 'Поданные запросы по месяцам',
  matchedByMonth: 'Запросы с совпадением по месяцам',
  verifiedByMonth: 'Верифицированные запросы по месяцам',
  reunitedByMonth: 'Воссоединения по месяцам',
};

export default strings;
