import type { Messages } from '../en.ts';

const strings: Messages['dossier'] = {
  photos: 'Світлини',
  title: 'Досьє',
  tabs: 'Розділи досьє',
  identity: 'Особа',
  biography: 'Біографія',
  services: 'Послуги',
  verification: 'Перевірка',
  sources: 'Джерела',
  names: 'Імена',
  languages: 'Мови, якими говорить',
  currentLocation: 'Де дитина зараз',
  displacement: 'Переміщення',
  noBiography: 'Біографію не записано.',
  serviceReceiving: 'Отримує цю послугу',
  serviceProvider: 'Надавач',
  serviceSince: 'З',
  serviceSummary: 'Опис',
  serviceNotes: 'Примітки',
  noServices: 'Послуги не записано.',
  sourceParty: 'Надано',
  sourceId: 'Їхній номер',
  sourceReceived: 'Отримано',
  noSources: 'Немає записів джерел.',
  recordInfo: 'Версія {{version}}, востаннє змінено {{date}}',
  notFound: 'Такого досьє немає, або вам не дозволено його бачити.',
  yes: 'Так',
  no: 'Ні',
  unknown: 'Невідомо',
};

export default strings;
