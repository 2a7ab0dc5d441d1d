import type { Messages } from '../en.ts';

const strings: Messages['dossier'] = {
  photos: 'Фото',
  title: 'Досье',
  tabs: 'Разделы досье',
  identity: 'Личность',
  biography: 'Биография',
  services: 'Услуги',
  verification: 'Проверка',
  sources: 'Источники',
  names: 'Имена',
  languages: 'Языки, на которых говорит',
  currentLocation: 'Где ребёнок сейчас',
  displacement: 'Перемещение',
  noBiography: 'Биография не записана.',
  serviceReceiving: 'Получает эту услугу',
  serviceProvider: 'Поставщик',
  serviceSince: 'С',
  serviceSummary: 'Описание',
  serviceNotes: 'Примечания',
  noServices: 'Услуги не записаны.',
  sourceParty: 'Предоставлено',
  sourceId: 'Их номер',
  sourceReceived: 'Получено',
  noSources: 'Нет записей источников.',
  recordInfo: 'Версия {{version}}, последнее изменение {{date}}',
  notFound: 'Такого досье нет, или вам не разрешено его видеть.',
  yes: 'Да',
  no: 'Нет',
  unknown: 'Неизвестно',
};

export default strings;
