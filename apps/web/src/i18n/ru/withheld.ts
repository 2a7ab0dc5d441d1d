import type { Messages } from '../en.ts';

const strings: Messages['withheld'] = {
  label: 'Скрыто',
  explain: 'Скрыто от вас: вашей организации или роли не разрешено видеть эти сведения.',
};

export default strings;
