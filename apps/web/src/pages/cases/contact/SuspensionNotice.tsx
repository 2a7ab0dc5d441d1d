import { Alert, Text } from '@mantine/core';
import type { ContactSuspension } from '../../../api/contact.ts';
import type { ContactPlan } from '../../../api/client.ts';
import { Actor } from '../../../components/Actor.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';

/**
 * Says plainly when contact is stopped: an emergency suspension of the whole case's contact (by
 * an officer of either side, lifted only by another), or the plan itself suspended.
 */
export function SuspensionNotice({
  suspension,
  plan,
}: {
  suspension: ContactSuspension | null;
  plan: ContactPlan | null;
}) {
  const { t, lang } = useLang();
  if (suspension)
    return (
      <Alert
        color="red.9"
        variant="filled"
        title={t('contact.emergencyTitle')}
        data-testid="contact-suspended"
        data-kind="emergency"
      >
        <Text size="sm">{t('contact.emergencyText')}</Text>
        <Text size="sm" mt={4}>
          {t('contact.emergencyReason', { reason: suspension.reason })}
        </Text>
        <Text size="sm" mt={4}>
          {t('contact.emergencySince', { date: formatDateTime(suspension.suspendedAt, lang) })} ·{' '}
          {t('contact.emergencyBy')} <Actor userId={suspension.suspendedBy} />
        </Text>
      </Alert>
    );
  if (plan?.status === 'suspended')
    return (
      <Alert
        color="orange.9"
        variant="outline"
        title={t('contact.planSuspendedTitle')}
        data-testid="contact-suspended"
        data-kind="plan"
      >
        <Text size="sm">{t('contact.planSuspendedText')}</Text>
        {plan.statusReason && (
          <Text size="sm" mt={4}>
            {t('contact.emergencyReason', { reason: plan.statusReason })}
          </Text>
        )}
      </Alert>
    );
  return null;
}
