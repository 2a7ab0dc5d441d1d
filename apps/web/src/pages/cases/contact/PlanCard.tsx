import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type CaseContact } from '../../../api/client.ts';
import { useCan } from '../../../auth/session.tsx';
import { Actor } from '../../../components/Actor.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../../components/Fields.tsx';
import { ReasonDialog } from '../../../components/ReasonDialog.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { formatPartialDate } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { contactActiveStatuses } from './contact.ts';
import { PlanDialog } from './PlanDialog.tsx';

/**
 * The contact plan and what may be done with it: make or change it, suspend, resume or cancel it.
 * While contact is suspended in an emergency, nothing about the plan changes.
 */
export function PlanCard({
  c,
  contact,
  suspended,
}: {
  c: CaseDetail;
  contact: CaseContact;
  suspended: boolean;
}) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const canWrite = useCan('contact.write');
  const plan = contact.plan;
  const [editing, setEditing] = useState<'create' | 'change' | null>(null);
  const [stopping, setStopping] = useState<'suspended' | 'cancelled' | null>(null);
  const caseActive = contactActiveStatuses.includes(c.status);
  const status = useMutation({
    mutationFn: (body: { status: 'active' | 'suspended' | 'cancelled'; reason?: string }) =>
      api.patchContactPlan(plan!.id, { version: plan!.version, ...body }),
    onSuccess: async () => {
      setStopping(null);
      await qc.invalidateQueries({ queryKey: ['cases', 'contact', c.id] });
    },
  });
  const open = plan && plan.status !== 'cancelled' ? plan : null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="plan-title">
          {t('contact.plan')}
        </Title>
        {plan && <StatusBadge kind="contactPlanStatus" status={plan.status} />}
      </Group>
      {!plan && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('contact.noPlan')}
        </Text>
      )}
      {plan && (
        <Fields>
          <Field label={t('contact.channel')} value={t(`enums.contactChannel.${plan.channel}`)} />
          <Field label={t('contact.every')} value={t('contact.everyDays', { count: plan.intervalDays })} />
          <Field
            label={t('fields.preferredWeekday')}
            value={plan.preferredWeekday ? t(`enums.weekday.${plan.preferredWeekday}`) : null}
          />
          <Field
            label={t('fields.preferredTime')}
            value={plan.preferredTime ? t('contact.timeUtc', { time: plan.preferredTime }) : null}
          />
          <Field label={t('contact.languages')} value={plan.languages.join(', ')} />
          <Field
            label={t('contact.interpreter')}
            value={plan.interpreterNeeded ? t('app.yes') : t('app.no')}
          />
          <Field
            label={t('fields.holdingSupervisorId')}
            value={<Actor userId={plan.holdingSupervisorId} />}
          />
          <Field label={t('fields.familySupervisorId')} value={<Actor userId={plan.familySupervisorId} />} />
          <Field label={t('fields.startsOn')} value={formatPartialDate(plan.startsOn, lang)} />
          {plan.statusReason && <Field label={t('contact.statusReason')} value={plan.statusReason} />}
        </Fields>
      )}
      {canWrite && suspended && (
        <Text size="sm" c="dimmed" mt="md">
          {t('contact.suspendedNoChanges')}
        </Text>
      )}
      {canWrite && !suspended && (
        <Stack gap="xs" mt="md">
          {status.isError && <ErrorAlert error={status.error} />}
          {!caseActive && (
            <Text size="sm" c="dimmed">
              {t('contact.caseNotActive')}
            </Text>
          )}
          <Group gap="sm">
            {caseActive && (
              <Button onClick={() => setEditing(open ? 'change' : 'create')} data-testid="plan-edit">
                {open ? t('contact.changePlan') : t('contact.makePlan')}
              </Button>
            )}
            {open?.status === 'active' && (
              <Button variant="outline" color="orange.9" onClick={() => setStopping('suspended')}>
                {t('contact.suspend')}…
              </Button>
            )}
            {open?.status === 'suspended' && (
              <Button
                variant="outline"
                loading={status.isPending}
                onClick={() => status.mutate({ status: 'active' })}
              >
                {t('contact.resume')}
              </Button>
            )}
            {open && (
              <Button variant="default" onClick={() => setStopping('cancelled')}>
                {t('contact.cancelPlan')}…
              </Button>
            )}
          </Group>
        </Stack>
      )}
      {!canWrite && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('contact.noWrite')}
        </Text>
      )}
      <PlanDialog
        c={c}
        plan={editing === 'change' ? open : null}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <ReasonDialog
        opened={stopping !== null}
        title={stopping === 'suspended' ? t('contact.suspend') : t('contact.cancelPlan')}
        intro={stopping === 'suspended' ? t('contact.suspendIntro') : t('contact.cancelIntro')}
        submitLabel={stopping === 'suspended' ? t('contact.suspend') : t('contact.cancelPlan')}
        color="orange.9"
        pending={status.isPending}
        error={status.error}
        onSubmit={(reason) => stopping && status.mutate({ status: stopping, reason })}
        onClose={() => {
          setStopping(null);
          status.reset();
        }}
      />
    </Paper>
  );
}
