import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useState } from 'react';
import { useReunification } from '../../../api/queries.ts';
import { useCan } from '../../../auth/session.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useLang } from '../../../i18n/useLang.ts';
import { Handovers } from './Handovers.tsx';
import { PlanDialog } from './PlanDialog.tsx';
import { PlanView } from './PlanView.tsx';
import { planActions } from './reunification.ts';
import { WelfareChecks } from './WelfareChecks.tsx';

/** Case statuses from which a plan can be drawn up (docs/REUNIFICATION.md). */
const planReady = ['in-contact', 'reunification-planned'];

/** The case's reunification: the plan both sides approve, the handover both record, then the welfare checks. */
export function ReunificationSection({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const q = useReunification(c.id);
  const canWrite = useCan('case.write');
  const [creating, setCreating] = useState(false);
  if (q.isPending) return <Skeleton h={240} role="status" aria-label={t('app.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const view = q.data;
  const actions = planActions(view);
  return (
    <Stack data-testid="reunification-section">
      {!view.plan && (
        <Text size="sm" c="dimmed">
          {t('reunification.noPlan')}
        </Text>
      )}
      {actions.create &&
        canWrite &&
        (planReady.includes(c.status) ? (
          <Group>
            <Button onClick={() => setCreating(true)} data-testid="plan-create">
              {t('reunification.createPlan')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('reunification.notReady')}
          </Text>
        ))}
      {view.plan && <PlanView c={c} view={view} plan={view.plan} />}
      {(view.handovers.length > 0 || view.plan?.status === 'started') && <Handovers c={c} view={view} />}
      {view.welfareChecks.length > 0 && <WelfareChecks c={c} checks={view.welfareChecks} />}
      <PlanDialog caseId={c.id} plan={null} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
