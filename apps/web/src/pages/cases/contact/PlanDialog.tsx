import {
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { contactChannels, type CaseDetail } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ContactPlan } from '../../../api/client.ts';
import { useSession } from '../../../auth/session.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useIssueText } from '../../../components/useIssueText.ts';
import { issuesOf } from '../../../components/validation.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { weekdayAllowed, weekdays } from './contact.ts';
import { checkNewPlan, checkPlanChange, initialPlanForm, type PlanForm } from './plan-form.ts';

/**
 * Makes or changes the plan. Homeward has no list of users to choose supervisors from yet: the
 * user's own side is filled in with the user, the other side's officer is entered by user id.
 */
export function PlanDialog({
  c,
  plan,
  opened,
  onClose,
}: {
  c: CaseDetail;
  plan: ContactPlan | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useLang();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={plan ? t('contact.changePlan') : t('contact.makePlan')}
      size="lg"
      centered
    >
      <PlanFormBody c={c} plan={plan} onClose={onClose} />
    </Modal>
  );
}

function PlanFormBody({
  c,
  plan,
  onClose,
}: {
  c: CaseDetail;
  plan: ContactPlan | null;
  onClose: () => void;
}) {
  const { t } = useLang();
  const qc = useQueryClient();
  const { session } = useSession();
  const [f, setF] = useState<PlanForm>(() => initialPlanForm(plan, c.side, session.user.id));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const issue = useIssueText(issues);
  const save = useMutation({
    mutationFn: (send: () => Promise<unknown>) => send(),
    onSuccess: async () => {
      onClose();
      await qc.invalidateQueries({ queryKey: ['cases', 'contact', c.id] });
    },
  });
  function submit() {
    if (plan) {
      const checked = checkPlanChange(f, plan.version);
      setIssues(issuesOf(checked));
      if (checked.ok) save.mutate(() => api.patchContactPlan(plan.id, checked.data));
    } else {
      const checked = checkNewPlan(f);
      setIssues(issuesOf(checked));
      if (checked.ok) save.mutate(() => api.createContactPlan(c.id, checked.data));
    }
  }
  const set = <K extends keyof PlanForm>(k: K, v: PlanForm[K]) => setF((p) => ({ ...p, [k]: v }));
  const supervisorHint = (s: 'holding' | 'family') =>
    c.side === s ? t('contact.supervisorOwnHint') : t('contact.supervisorOtherHint');
  const languagesIssue = Object.keys(issues).find((k) => k.startsWith('languages'));

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        {plan && <Text size="sm">{t('contact.changeIntro')}</Text>}
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('contact.channel')}
              data={contactChannels.map((ch) => ({ value: ch, label: t(`enums.contactChannel.${ch}`) }))}
              value={f.channel}
              onChange={(v) => v && set('channel', v as PlanForm['channel'])}
              allowDeselect={false}
              required
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              label={t('fields.intervalDays')}
              min={1}
              max={90}
              value={f.intervalDays}
              onChange={(v) => set('intervalDays', typeof v === 'number' ? v : Number(v) || 1)}
              required
              error={issue('intervalDays')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('fields.preferredWeekday')}
              description={weekdayAllowed(f.intervalDays) ? undefined : t('contact.weekdayWholeWeeks')}
              data={weekdays.map((d) => ({ value: String(d), label: t(`enums.weekday.${d}`) }))}
              value={weekdayAllowed(f.intervalDays) ? f.preferredWeekday : null}
              onChange={(v) => set('preferredWeekday', v)}
              disabled={!weekdayAllowed(f.intervalDays)}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              type="time"
              label={t('fields.preferredTime')}
              description={t('contact.timeUtcHint')}
              value={f.preferredTime}
              onChange={(e) => set('preferredTime', e.currentTarget.value)}
              error={issue('preferredTime')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('contact.languages')}
              description={t('contact.languagesHint')}
              value={f.languages}
              onChange={(e) => set('languages', e.currentTarget.value)}
              error={languagesIssue ? t('contact.languagesInvalid') : undefined}
            />
          </Grid.Col>
          {!plan && (
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                type="date"
                label={t('fields.startsOn')}
                description={t('contact.startsOnHint')}
                value={f.startsOn}
                onChange={(e) => set('startsOn', e.currentTarget.value)}
                error={issue('startsOn')}
              />
            </Grid.Col>
          )}
          <Grid.Col span={12}>
            <Checkbox
              label={t('contact.interpreter')}
              checked={f.interpreterNeeded}
              onChange={(e) => set('interpreterNeeded', e.currentTarget.checked)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.holdingSupervisorId')}
              description={supervisorHint('holding')}
              value={f.holdingSupervisorId}
              onChange={(e) => set('holdingSupervisorId', e.currentTarget.value)}
              ff="monospace"
              required
              error={issue('holdingSupervisorId') && t('contact.userIdInvalid')}
              data-testid="holding-supervisor"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.familySupervisorId')}
              description={supervisorHint('family')}
              value={f.familySupervisorId}
              onChange={(e) => set('familySupervisorId', e.currentTarget.value)}
              ff="monospace"
              required
              error={issue('familySupervisorId') && t('contact.userIdInvalid')}
              data-testid="family-supervisor"
            />
          </Grid.Col>
        </Grid>
        <Text size="xs" c="dimmed">
          {t('contact.yourId', { id: session.user.id })}
        </Text>
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('contact.savePlan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
