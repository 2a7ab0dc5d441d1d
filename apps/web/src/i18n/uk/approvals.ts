import type { Messages } from '../en.ts';

const strings: Messages['approvals'] = {
  approve: 'Схвалити',
  decline: 'Відхилити',
  approveTitle: 'Надати друге схвалення?',
  approveText:
    'Ви схвалюєте саме те, що підтвердила перша особа. Це набуває чинності одразу; якщо тим часом щось змінилося, ваше схвалення буде відхилено.',
  reasonOptional: 'Обґрунтування (необов’язково)',
  declineTitle: 'Відхилити це погодження?',
  declineText: 'Нічого не буде зроблено. Поясніть чому, щоб перша особа зрозуміла.',
  cancel: 'Скасувати',
};

export default strings;
