import type { Messages } from '../en.ts';

const strings: Messages['cases'] = {
  title: 'Справи',
  intro:
    'Справи вашої організації з будь-якого боку, найновіші спочатку. Кожна почалася з підтвердженого збігу.',
  status: 'Стан',
  anyStatus: 'Будь-який стан',
  priority: 'Пріоритет',
  anyPriority: 'Будь-який пріоритет',
  colCase: 'Справа',
  colStatus: 'Стан',
  colPriority: 'Пріоритет',
  colDossier: 'Досьє',
  colRequest: 'Запит',
  colOpened: 'Відкрито',
  caseRef: 'Справа {{id}}',
  dossierRef: 'Досьє {{id}}',
  requestRef: 'Запит {{id}}',
  empty: 'Жодна справа не відповідає.',
  shown: 'Показано справ: {{count}}',
  notFound: 'Такої справи немає, або вам не дозволено її бачити.',
};

export default strings;
