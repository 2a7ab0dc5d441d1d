import type { Messages } from '../en.ts';

const strings: Messages['reports'] = {
  title: 'Звіти',
  intro:
    'Зведені показники вашої організації: діти, запити, справи та возз’єднання. Лише кількості, жодного запису; малі числа приховано, щоб жодну дитину не можна було впізнати.',
  fromMonth: 'З місяця',
  toMonth: 'По місяць (включно)',
  badPeriod: 'Перший місяць не може бути пізніше за останній.',
  publicPage: 'Публічна сторінка прозорості',
  suppressionNote: 'Кількості менші за {{min}} приховано, а також ще одну кількість там, де підсумок міг би їх розкрити. Вік і поточні статуси — станом на {{asOf}}.',
  withheld: '< {{min}}',
  withheldTitle: 'Менше ніж {{min}}: приховано для захисту дітей',
  total: 'Разом',
  empty: 'За цей період нічого немає.',
  unknown: 'Не зазначено',
  ageGroup: '{{group}} років',
  days: '{{n}} дн.',
  headline: {
    children: 'Діти (досьє)',
    filed: 'Подано запитів',
    matched: 'Запитів зі збігом',
    verified: 'Верифікованих запитів',
    reunited: 'Возз’єднаних дітей',
  },
  byStatus: 'Діти за статусом досьє',
  byDisplacement: 'Діти за способом переміщення',
  byAgeGroup: 'Діти за віком',
  byRegion: 'Діти за поточним регіоном',
  casesByStatus: 'Справи за етапом',
  durations: 'Скільки це триває',
  durationFrom: 'Від … до …',
  median: 'Медіана',
  p90: '9 з 10 — протягом',
  observations: 'Враховано справ',
  duration: {
    requestToMatch: 'Від запиту до збігу',
    matchToReunion: 'Від збігу до возз’єднання',
    requestToReunion: 'Від запиту до возз’єднання',
  },
  filedByMonth: 'Подані запити за місяцями',
  matchedByMonth: 'Запити зі збігом за місяцями',
  verifiedByMonth: 'Верифіковані запити за місяцями',
  reunitedByMonth: 'Возз’єднання за місяцями',
};

export default strings;
