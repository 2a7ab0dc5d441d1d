import type { Messages } from '../en.ts';

const strings: Messages['dossierRecords'] = {
  matches: 'Совпадения',
  case: 'Дела',
  history: 'История',
  matchesLabel: 'Предложенные совпадения для этого досье',
  casesLabel: 'Дела этого досье',
  historyLabel: 'Изменения этого досье',
  noMatches: 'Для этого досье пока не предложено ни одного совпадения.',
  noCases: 'Это досье пока не входит ни в одно дело.',
  colKind: 'Вид',
  colScore: 'Вероятность',
  colStatus: 'Статус',
  colProposed: 'Предложено',
  colOpen: 'Открыть',
  colWhen: 'Когда',
  colWhat: 'Что',
  colFields: 'Поля',
  colWho: 'Кто',
  action: {
    create: 'Создано',
    update: 'Изменено',
    merge: 'Объединено с дубликатом',
    unmerge: 'Объединение отменено',
  },
};

export default strings;
