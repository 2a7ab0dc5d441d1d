import type { Messages } from '../en.ts';

const strings: Messages['withheld'] = {
  label: 'Приховано',
  explain: 'Приховано від вас: вашій організації або ролі не дозволено бачити ці відомості.',
};

export default strings;
