import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { relationships } from '@homeward/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ReunificationView } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useIssueText } from '../../../components/useIssueText.ts';
import { issuesOf } from '../../../components/validation.ts';
import { useLang } from '../../../i18n/useLang.ts';
import {
  checkNewPlan,
  checkPlanChange,
  planForm,
  type DocRow,
  type Plan,
  type PlanForm,
} from './plan-form.ts';
import { useViewUpdate } from './use-view-update.ts';

/** Draws up a plan, or changes one (which clears both sides' approvals). */
export function PlanDialog({
  caseId,
  plan,
  opened,
  onClose,
}: {
  caseId: string;
  plan: Plan | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useLang();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={plan ? t('reunification.editPlan') : t('reunification.createPlan')}
      size="lg"
      centered
    >
      <PlanFormBody caseId={caseId} plan={plan} onClose={onClose} />
    </Modal>
  );
}

function PlanFormBody({ caseId, plan, onClose }: { caseId: string; plan: Plan | null; onClose: () => void }) {
  const { t } = useLang();
  const update = useViewUpdate(caseId);
  const [f, setF] = useState<PlanForm>(() => planForm(plan));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const issue = useIssueText(issues);
  const set = <K extends keyof PlanForm>(k: K, v: PlanForm[K]) => setF((p) => ({ ...p, [k]: v }));
  const save = useMutation({
    mutationFn: (send: () => Promise<ReunificationView>) => send(),
    onSuccess: async (v) => {
      onClose();
      await update(v);
    },
  });
  function submit() {
    if (plan) {
      const checked = checkPlanChange(f, plan);
      setIssues(issuesOf(checked));
      if (checked.ok) save.mutate(() => api.patchReunificationPlan(plan.id, checked.data));
    } else {
      const checked = checkNewPlan(f);
      setIssues(issuesOf(checked));
      if (checked.ok) save.mutate(() => api.createReunificationPlan(caseId, checked.data));
    }
  }
  const setDoc = (i: number, patch: Partial<DocRow>) =>
    set(
      'documents',
      f.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)),
    );
  const offsetsIssue = Object.keys(issues).find((k) => k.startsWith('welfareCheckOffsets'));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Text size="sm">{plan ? t('reunification.editIntro') : t('reunification.createIntro')}</Text>
        <Textarea
          label={t('fields.route')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={f.route}
          onChange={(e) => set('route', e.currentTarget.value)}
          error={issue('route')}
        />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.escort')}
              required
              maxLength={500}
              value={f.escort}
              onChange={(e) => set('escort', e.currentTarget.value)}
              error={issue('escort')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.handoverPoint')}
              required
              maxLength={500}
              value={f.handoverPoint}
              onChange={(e) => set('handoverPoint', e.currentTarget.value)}
              error={issue('handoverPoint')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              type="datetime-local"
              label={t('fields.handoverAt')}
              required
              value={f.handoverAt}
              onChange={(e) => set('handoverAt', e.currentTarget.value)}
              error={issue('handoverAt')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.welfareCheckOffsets')}
              description={t('reunification.offsetsHint')}
              value={f.offsets}
              onChange={(e) => set('offsets', e.currentTarget.value)}
              error={offsetsIssue ? t('reunification.offsetsInvalid') : undefined}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.receivingAdult')}
              required
              maxLength={200}
              value={f.adultName}
              onChange={(e) => set('adultName', e.currentTarget.value)}
              error={issue('receivingAdult.name')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('fields.relationship')}
              data={relationships.map((r) => ({ value: r, label: t(`enums.relationship.${r}`) }))}
              value={f.relationship}
              onChange={(v) => v && set('relationship', v as PlanForm['relationship'])}
              allowDeselect={false}
            />
          </Grid.Col>
        </Grid>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('fields.documents')}
          </Text>
          {f.documents.map((d, i) => (
            <Group key={i} gap="xs" wrap="nowrap" align="center">
              <TextInput
                aria-label={t('reunification.documentN', { n: i + 1 })}
                placeholder={t('reunification.documentPlaceholder')}
                value={d.item}
                onChange={(e) => setDoc(i, { item: e.currentTarget.value })}
                maxLength={200}
                style={{ flex: 1 }}
              />
              <Checkbox
                label={t('reunification.required')}
                checked={d.required}
                onChange={(e) => setDoc(i, { required: e.currentTarget.checked })}
              />
              <ActionIcon
                variant="subtle"
                color="red.9"
                aria-label={t('reunification.removeDocument', { n: i + 1 })}
                onClick={() =>
                  set(
                    'documents',
                    f.documents.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => set('documents', [...f.documents, { item: '', required: true, done: false }])}
            >
              {t('reunification.addDocument')}
            </Button>
          </Group>
        </Stack>
        {plan && (plan.approvals.holding || plan.approvals.family) && (
          <Alert color="orange.9" variant="outline" p="sm">
            <Text size="sm">{t('reunification.editClearsApprovals')}</Text>
          </Alert>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('reunification.savePlan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
