import { Badge } from '@mantine/core';
import { useLang } from '../i18n/useLang.ts';

// Filled badges in dark shades: white text on them meets 4.5:1.
const colors: Record<string, string> = {
  open: 'blue.8',
  matched: 'teal.9',
  closed: 'gray.7',
  withdrawn: 'red.9',
  merged: 'grape.9',
  proposed: 'blue.8',
  'awaiting-second': 'violet.9',
  confirmed: 'teal.9',
  rejected: 'red.9',
  superseded: 'gray.7',
  located: 'blue.8',
  verified: 'blue.9',
  'in-contact': 'cyan.9',
  'reunification-planned': 'indigo.9',
  'in-transit': 'violet.9',
  reunited: 'teal.9',
  'follow-up': 'teal.9',
  declined: 'orange.9',
  'unable-to-proceed': 'red.9',
  transferred: 'grape.9',
  // contact plans and contacts
  active: 'teal.9',
  suspended: 'orange.9',
  cancelled: 'gray.7',
  held: 'teal.9',
  missed: 'orange.9',
  overdue: 'red.9',
  due: 'blue.8',
  upcoming: 'gray.7',
  // messages
  'pending-review': 'orange.9',
  approved: 'teal.9',
  returned: 'red.9',
  // reunification plans and welfare checks
  draft: 'blue.8',
  started: 'violet.9',
  completed: 'teal.9',
  scheduled: 'blue.8',
  done: 'teal.9',
  // age-out
  eligible: 'blue.9',
  'consent-recorded': 'cyan.9',
  resolved: 'gray.7',
};

export function StatusBadge({
  kind,
  status,
}: {
  kind:
    | 'dossierStatus'
    | 'requestStatus'
    | 'matchStatus'
    | 'caseStatus'
    | 'contactPlanStatus'
    | 'contactState'
    | 'messageStatus'
    | 'planStatus'
    | 'welfareStatus'
    | 'ageOutStatus';
  status: string;
}) {
  const { t } = useLang();
  return (
    <Badge
      color={colors[status] ?? 'gray.7'}
      variant="filled"
      tt="none"
      style={{ minWidth: 'max-content' }}
      data-status={status}
    >
      {t(`enums.${kind}.${status}`)}
    </Badge>
  );
}
