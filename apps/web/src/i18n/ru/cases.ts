import type { Messages } from '../en.ts';

const strings: Messages['cases'] = {
  title: 'Дела',
  intro:
    'Дела вашей организации с любой стороны, самые новые сначала. Каждое началось с подтверждённого совпадения.',
  status: 'Состояние',
  anyStatus: 'Любое состояние',
  priority: 'Приоритет',
  anyPriority: 'Любой приоритет',
  colCase: 'Дело',
  colStatus: 'Состояние',
  colPriority: 'Приоритет',
  colDossier: 'Досье',
  colRequest: 'Запрос',
  colOpened: 'Открыто',
  caseRef: 'Дело {{id}}',
  dossierRef: 'Досье {{id}}',
  requestRef: 'Запрос {{id}}',
  empty: 'Ни одно дело не подходит.',
  shown: 'Показано дел: {{count}}',
  notFound: 'Такого дела нет, или вам не разрешено его видеть.',
};

export default strings;
