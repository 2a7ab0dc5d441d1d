import type { Messages } from '../en.ts';

const strings: Messages['approvals'] = {
  approve: 'Одобрить',
  decline: 'Отклонить',
  approveTitle: 'Дать второе одобрение?',
  approveText:
    'Вы одобряете именно то, что подтвердил первый человек. Это вступает в силу сразу; если тем временем что-то изменилось, ваше одобрение будет отклонено.',
  reasonOptional: 'Причина (необязательно)',
  declineTitle: 'Отклонить это одобрение?',
  declineText: 'Ничего не будет сделано. Объясните почему, чтобы первый человек понял.',
  cancel: 'Отмена',
};

export default strings;
