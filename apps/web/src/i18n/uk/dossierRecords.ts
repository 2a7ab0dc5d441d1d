import type { Messages } from '../en.ts';

const strings: Messages['dossierRecords'] = {
  matches: 'Збіги',
  case: 'Справи',
  history: 'Історія',
  matchesLabel: 'Запропоновані збіги для цього досьє',
  casesLabel: 'Справи цього досьє',
  historyLabel: 'Зміни цього досьє',
  noMatches: 'Для цього досьє ще не запропоновано жодного збігу.',
  noCases: 'Це досьє ще не належить до жодної справи.',
  colKind: 'Вид',
  colScore: 'Імовірність',
  colStatus: 'Статус',
  colProposed: 'Запропоновано',
  colOpen: 'Відкрити',
  colWhen: 'Коли',
  colWhat: 'Що',
  colFields: 'Поля',
  colWho: 'Хто',
  action: {
    create: 'Створено',
    update: 'Змінено',
    merge: "Об'єднано з дублікатом",
    unmerge: "Об'єднання скасовано",
  },
};

export default strings;
