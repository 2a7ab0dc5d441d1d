import { Alert, Button, Code, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ReunificationView } from '../../../api/client.ts';
import { useCan } from '../../../auth/session.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../../components/Fields.tsx';
import { ReasonDialog } from '../../../components/ReasonDialog.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { Withheld } from '../../../components/Withheld.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import type { Plan } from './plan-form.ts';
import { PlanApprovals } from './PlanApprovals.tsx';
import { PlanDialog } from './PlanDialog.tsx';
import { PlanDocuments } from './PlanDocuments.tsx';
import { missingDocuments, planActions, shortHash } from './reunification.ts';
import { useViewUpdate } from './use-view-update.ts';

type Act =
  | { kind: 'approve'; hash: string }
  | { kind: 'start' }
  | { kind: 'withdraw'; reason: string }
  | { kind: 'tick'; index: number; done: boolean };

/** The plan, its documents and approvals, and what the reader's side may do with it now. */
export function PlanView({ c, view, plan }: { c: CaseDetail; view: ReunificationView; plan: Plan }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const update = useViewUpdate(c.id);
  const actions = planActions(view);
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const act = useMutation({
    mutationFn: (a: Act) => {
      switch (a.kind) {
        case 'approve':
          return api.approveReunificationPlan(plan.id, a.hash);
        case 'start':
          return api.startReunificationPlan(plan.id, plan.version);
        case 'withdraw':
          return api.withdrawReunificationPlan(plan.id, a.reason);
        case 'tick':
          return api.patchReunificationPlan(plan.id, {
            version: plan.version,
            documents: plan.documents.map((d, i) => (i === a.index ? { ...d, done: a.done } : d)),
          });
      }
    },
    onSuccess: async (v) => {
      setWithdrawing(false);
      await update(v);
    },
  });
  const missing = missingDocuments(plan);
  const w = plan.withheld;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reunification-plan-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="reunification-plan-title">
          {t('reunification.plan')}
        </Title>
        <StatusBadge kind="planStatus" status={plan.status} />
      </Group>
      {plan.status === 'withdrawn' && plan.withdrawnReason && (
        <Text size="sm" mb="sm">
          {t('reunification.withdrawnBecause', { reason: plan.withdrawnReason })}
        </Text>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Fields>
            <Field label={t('fields.route')} value={plan.route} path="route" withheld={w} />
            <Field label={t('fields.escort')} value={plan.escort} path="escort" withheld={w} />
            <Field
              label={t('fields.handoverPoint')}
              value={plan.handoverPoint}
              path="handoverPoint"
              withheld={w}
            />
            <Field label={t('fields.handoverAt')} value={formatDateTime(plan.handoverAt, lang)} />
            <Field
              label={t('fields.receivingAdult')}
              value={
                <>
                  {w.includes('receivingAdult.name') ? <Withheld /> : plan.receivingAdult.name} (
                  {t(`enums.relationship.${plan.receivingAdult.relationship}`)})
                </>
              }
            />
            <Field
              label={t('fields.welfareCheckOffsets')}
              value={
                plan.welfareCheckOffsets.length
                  ? t('reunification.offsets', { days: plan.welfareCheckOffsets.join(', ') })
                  : t('reunification.noChecks')
              }
            />
            {plan.startedAt && (
              <Field label={t('reunification.startedAt')} value={formatDateTime(plan.startedAt, lang)} />
            )}
            {plan.completedAt && (
              <Field label={t('reunification.completedAt')} value={formatDateTime(plan.completedAt, lang)} />
            )}
          </Fields>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PlanDocuments
            plan={plan}
            editable={actions.edit}
            canTick={canWrite && actions.edit}
            pending={act.isPending}
            onTick={(index, done) => act.mutate({ kind: 'tick', index, done })}
          />
        </Grid.Col>
      </Grid>

      <Title order={3} size="h5" mt="md" mb="xs">
        {t('reunification.approvals')}
      </Title>
      <PlanApprovals view={view} plan={plan} />
      <Text size="xs" c="dimmed" mt="xs">
        {t('reunification.fingerprint')} <Code data-testid="content-hash">{shortHash(plan.contentHash)}</Code>
      </Text>

      {canWrite && (
        <Stack gap="sm" mt="md">
          {act.isError && !withdrawing && <ErrorAlert error={act.error} />}
          {actions.approve && (
            <Alert color="blue.8" variant="outline" p="sm">
              <Text size="sm">{t('reunification.approveIntro', { hash: shortHash(plan.contentHash) })}</Text>
            </Alert>
          )}
          {actions.start && missing.length > 0 && (
            <Alert color="orange.9" variant="outline" p="sm" data-testid="documents-missing">
              <Text size="sm">{t('reunification.documentsMissing')}</Text>
              <List size="sm">
                {missing.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group gap="sm">
            {actions.approve && view.side && (
              <Button
                color="teal.9"
                loading={act.isPending && act.variables?.kind === 'approve'}
                onClick={() => act.mutate({ kind: 'approve', hash: plan.contentHash })}
                data-testid="plan-approve"
              >
                {t('reunification.approve', { side: t(`reunification.side.${view.side}`) })}
              </Button>
            )}
            {actions.start && (
              <Button
                loading={act.isPending && act.variables?.kind === 'start'}
                disabled={missing.length > 0}
                onClick={() => act.mutate({ kind: 'start' })}
                data-testid="plan-start"
              >
                {t('reunification.start')}
              </Button>
            )}
            {actions.edit && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('reunification.editPlan')}
              </Button>
            )}
            {actions.withdraw && (
              <Button
                variant="outline"
                color="red.9"
                onClick={() => {
                  act.reset();
                  setWithdrawing(true);
                }}
              >
                {t('reunification.withdraw')}…
              </Button>
            )}
          </Group>
        </Stack>
      )}
      <PlanDialog caseId={c.id} plan={plan} opened={editing} onClose={() => setEditing(false)} />
      <ReasonDialog
        opened={withdrawing}
        title={t('reunification.withdraw')}
        intro={t('reunification.withdrawIntro')}
        submitLabel={t('reunification.withdraw')}
        color="red.9"
        pending={act.isPending}
        error={act.error}
        onSubmit={(reason) => act.mutate({ kind: 'withdraw', reason })}
        onClose={() => setWithdrawing(false)}
      />
      {plan.createdAt && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('reunification.planInfo', {
            version: plan.version,
            date: formatDateTime(plan.updatedAt, lang),
          })}
        </Text>
      )}
    </Paper>
  );
}
