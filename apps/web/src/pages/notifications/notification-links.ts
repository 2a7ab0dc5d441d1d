import { paths } from '../../route.ts';

type NotificationLike = {
  kind: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, string | number | boolean | null>;
};

/** Kinds the modules raise today; each has a translation (an unknown kind is shown by its code). */
export const notificationKinds = [
  'case.opened',
  'case.status-changed',
  'contact.overdue',
  'message.review-needed',
  'message.delivered',
  'message.returned',
  'reunification.approval-needed',
  'reunification.plan-withdrawn',
  'reunification.handover-awaiting',
  'reunification.welfare-urgent',
  'reunification.welfare-overdue',
  'age-out.eligible',
  'age-out.overdue',
  'age-out.due',
  'security.new-device',
  'security.bulk-read',
  'security.second-factor-failures',
] as const;

export const subjectTypes = [
  'case',
  'age-out',
  'contact-plan',
  'message',
  'reunification-plan',
  'welfare-check',
  'match',
  'dossier',
  'user',
] as const;

const caseOf = (n: NotificationLike): string | null =>
  typeof n.details.caseId === 'string' ? n.details.caseId : null;

/**
 * Where a notification leads: its case (at the section the event concerns), its age-out entry,
 * its match or dossier. Subjects without a page of their own (a message, a plan, a welfare check)
 * lead to their case, whose id the notification carries in `details.caseId`. Null: nowhere to go.
 */
export function notificationTarget(n: NotificationLike): string | null {
  const id = n.subjectId;
  switch (n.subjectType) {
    case 'case':
      if (!id) return null;
      return n.kind.startsWith('contact.') ? paths.case(id, 'contact') : paths.case(id);
    case 'age-out':
      return id ? paths.ageOutEntry(id) : paths.ageOut;
    case 'match':
      return id ? paths.match(id) : null;
    case 'dossier':
      return id ? paths.dossier(id) : null;
    case 'message': {
      const c = caseOf(n);
      return c ? paths.case(c, 'messages') : null;
    }
    case 'contact-plan': {
      const c = caseOf(n);
      return c ? paths.case(c, 'contact') : null;
    }
    case 'reunification-plan':
    case 'welfare-check': {
      const c = caseOf(n);
      return c ? paths.case(c, 'reunification') : null;
    }
    default: {
      const c = caseOf(n);
      return c ? paths.case(c) : null;
    }
  }
}

/** The translation key of a kind, or null for a kind this version does not know. */
export function kindKey(kind: string): string | null {
  return (notificationKinds as readonly string[]).includes(kind) ? `notifications.kind.${kind}` : null;
}

/** What the bell shows: the count, capped so the header keeps its width. */
export function bellCount(unread: number | undefined): string | null {
  if (!unread || unread <= 0) return null;
  return unread > 99 ? '99+' : String(unread);
}
