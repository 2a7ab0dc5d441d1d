import type { Messages } from '../en.ts';

const strings: Messages['photos'] = {
  noAccess: 'Ваша роль не дозволяє переглядати фото.',
  upload: 'Завантажити фото',
  uploadHint:
    'JPEG, PNG, WebP, HEIC або TIFF. Сервер перевіряє сам файл; дані про місцезнаходження видаляються.',
  uploaded: 'Фото додано.',
  none: 'Фото немає.',
  viewTitle: 'Фотографія',
  alt: 'Фото {{n}}',
  open: 'Відкрити фото {{n}}',
  position: '№ {{n}}',
  primary: 'Основне',
  takenOn: 'Знято',
  suppliedBy: 'Надано',
  supplier: {
    family: 'родиною',
    institution: 'закладом',
    authority: 'органом влади',
    child: 'дитиною',
    other: 'іншим джерелом',
  },
  addedOn: 'Додано {{date}}',
  makePrimary: 'Зробити основним',
  moveEarlier: 'Перемістити вперед',
  moveLater: 'Перемістити назад',
  unavailable: 'Фото вам недоступні.',
  openPrimary: 'Відкрити основне фото: {{side}}',
  primaryOf: 'Основне фото: {{side}}',
};

export default strings;
