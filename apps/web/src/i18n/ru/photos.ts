import type { Messages } from '../en.ts';

const strings: Messages['photos'] = {
  noAccess: 'Ваша роль не позволяет просматривать фото.',
  upload: 'Загрузить фото',
  uploadHint:
    'JPEG, PNG, WebP, HEIC или TIFF. Сервер проверяет сам файл; данные о местоположении удаляются.',
  uploaded: 'Фото добавлено.',
  none: 'Фото нет.',
  viewTitle: 'Фотография',
  alt: 'Снимок {{n}}',
  open: 'Открыть снимок {{n}}',
  position: '№ {{n}} по порядку',
  primary: 'Основное',
  takenOn: 'Снято',
  suppliedBy: 'Предоставлено',
  supplier: {
    family: 'семьёй',
    institution: 'учреждением',
    authority: 'органом власти',
    child: 'ребёнком',
    other: 'другим источником',
  },
  addedOn: 'Добавлено {{date}}',
  makePrimary: 'Сделать основным',
  moveEarlier: 'Переместить вперёд',
  moveLater: 'Переместить назад',
  unavailable: 'Фото вам недоступны.',
  openPrimary: 'Открыть основное фото: {{side}}',
  primaryOf: 'Основное фото: {{side}}',
};

export default strings;
