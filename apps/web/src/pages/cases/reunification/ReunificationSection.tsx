import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Code,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { relationships, welfareOutcomes, type CaseDetail } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  api,
  type ReunificationPlanInput,
  type ReunificationView,
  type WelfareCheck,
  type WelfareRecord,
} from '../../../api/client.ts';
import { useReunification } from '../../../api/queries.ts';
import { useCan } from '../../../auth/session.tsx';
import { Actor } from '../../../components/Actor.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../../components/Fields.tsx';
import { ReasonDialog } from '../../../components/ReasonDialog.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { Withheld } from '../../../components/Withheld.tsx';
import { formatDateTime, formatPartialDate } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import {
  approvalState,
  isoToLocalInput,
  localInputToIso,
  missingDocuments,
  parseOffsets,
  planActions,
  shortHash,
  type Side,
} from './reunification.ts';

type Plan = NonNullable<ReunificationView['plan']>;
const sides: Side[] = ['holding', 'family'];

/** Case statuses from which a plan can be drawn up (docs/REUNIFICATION.md). */
const planReady = ['in-contact', 'reunification-planned'];

/** After a change: the view the API answered, and the case (whose status the plan may move). */
function useViewUpdate(caseId: string) {
  const qc = useQueryClient();
  return async (view: ReunificationView) => {
    qc.setQueryData(['cases', 'reunification', caseId], view);
    await qc.invalidateQueries({ queryKey: ['cases', 'one', caseId] });
    void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
  };
}

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

function PlanView({ c, view, plan }: { c: CaseDetail; view: ReunificationView; plan: Plan }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const update = useViewUpdate(c.id);
  const actions = planActions(view);
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const act = useMutation({
    mutationFn: (
      a:
        | { kind: 'approve'; hash: string }
        | { kind: 'start' }
        | { kind: 'withdraw'; reason: string }
        | { kind: 'tick'; index: number; done: boolean },
    ) => {
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
  const hidden = (p: string) => w.includes(p);

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
                  {hidden('receivingAdult.name') ? <Withheld /> : plan.receivingAdult.name} (
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
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('fields.documents')}
            </Text>
            {plan.documents.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('reunification.noDocuments')}
              </Text>
            )}
            <Stack gap={6} data-testid="documents">
              {plan.documents.map((d, i) => (
                <Checkbox
                  key={`${i}:${d.item}`}
                  label={d.required ? d.item : `${d.item} (${t('reunification.optional')})`}
                  checked={d.done}
                  disabled={!canWrite || !actions.edit || act.isPending}
                  onChange={(e) => act.mutate({ kind: 'tick', index: i, done: e.currentTarget.checked })}
                  data-testid="document"
                />
              ))}
            </Stack>
            {plan.documents.length > 0 && actions.edit && (
              <Text size="xs" c="dimmed">
                {t('reunification.tickKeepsApprovals')}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      <Title order={3} size="h5" mt="md" mb="xs">
        {t('reunification.approvals')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="approvals">
        {sides.map((s) => {
          const state = approvalState(plan, s);
          const a = plan.approvals[s];
          return (
            <Paper key={s} withBorder p="sm" data-side={s} data-approval={state}>
              <Text size="sm" fw={600}>
                {t(`reunification.side.${s}`)}
                {view.side === s ? ` (${t('reunification.yourSide')})` : ''}
              </Text>
              {state === 'none' && (
                <Text size="sm" c="dimmed">
                  {t('reunification.awaitingApproval')}
                </Text>
              )}
              {a && state !== 'none' && (
                <Text size="sm" c={state === 'stale' ? 'orange.9' : 'teal.9'}>
                  {state === 'stale' ? t('reunification.approvalStale') : t('reunification.approvedOn')}{' '}
                  {formatDateTime(a.at, lang)} · <Actor userId={a.userId} /> ·{' '}
                  <Code>{shortHash(a.contentHash)}</Code>
                </Text>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
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

type DocRow = { item: string; required: boolean; done: boolean };
type PlanForm = {
  route: string;
  escort: string;
  handoverPoint: string;
  handoverAt: string;
  adultName: string;
  relationship: ReunificationPlanInput['receivingAdult']['relationship'];
  documents: DocRow[];
  offsets: string;
};

const planForm = (plan: Plan | null): PlanForm => ({
  route: plan?.route ?? '',
  escort: plan?.escort ?? '',
  handoverPoint: plan?.handoverPoint ?? '',
  handoverAt: isoToLocalInput(plan?.handoverAt),
  adultName: plan?.receivingAdult.name ?? '',
  relationship: plan?.receivingAdult.relationship ?? 'mother',
  documents: plan?.documents.map((d) => ({ ...d })) ?? [],
  offsets: (plan?.welfareCheckOffsets ?? [7, 30, 90]).join(', '),
});

function PlanDialog({
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
  const set = <K extends keyof PlanForm>(k: K, v: PlanForm[K]) => setF((p) => ({ ...p, [k]: v }));
  const save = useMutation({
    mutationFn: (form: PlanForm) => {
      const input: ReunificationPlanInput = {
        route: form.route.trim(),
        escort: form.escort.trim(),
        handoverPoint: form.handoverPoint.trim(),
        handoverAt: localInputToIso(form.handoverAt) ?? '',
        receivingAdult: { name: form.adultName.trim(), relationship: form.relationship },
        documents: form.documents.map((d) => ({ ...d, item: d.item.trim() })).filter((d) => d.item),
        welfareCheckOffsets: parseOffsets(form.offsets),
      };
      if (!plan) return api.createReunificationPlan(caseId, input);
      // Only what changed: an unchanged field must not clear the approvals.
      const before = planForm(plan);
      const changed: Partial<ReunificationPlanInput> = {};
      if (form.route !== before.route) changed.route = input.route;
      if (form.escort !== before.escort) changed.escort = input.escort;
      if (form.handoverPoint !== before.handoverPoint) changed.handoverPoint = input.handoverPoint;
      if (form.handoverAt !== before.handoverAt) changed.handoverAt = input.handoverAt;
      if (form.adultName !== before.adultName || form.relationship !== before.relationship)
        changed.receivingAdult = input.receivingAdult;
      if (JSON.stringify(form.documents) !== JSON.stringify(before.documents))
        changed.documents = input.documents;
      if (form.offsets !== before.offsets) changed.welfareCheckOffsets = input.welfareCheckOffsets;
      return api.patchReunificationPlan(plan.id, { ...changed, version: plan.version });
    },
    onSuccess: async (v) => {
      onClose();
      await update(v);
    },
  });
  const setDoc = (i: number, patch: Partial<DocRow>) =>
    set(
      'documents',
      f.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)),
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(f);
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
        />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.escort')}
              required
              maxLength={500}
              value={f.escort}
              onChange={(e) => set('escort', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.handoverPoint')}
              required
              maxLength={500}
              value={f.handoverPoint}
              onChange={(e) => set('handoverPoint', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              type="datetime-local"
              label={t('fields.handoverAt')}
              required
              value={f.handoverAt}
              onChange={(e) => set('handoverAt', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.welfareCheckOffsets')}
              description={t('reunification.offsetsHint')}
              value={f.offsets}
              onChange={(e) => set('offsets', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('fields.receivingAdult')}
              required
              maxLength={200}
              value={f.adultName}
              onChange={(e) => set('adultName', e.currentTarget.value)}
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

function Handovers({ c, view }: { c: CaseDetail; view: ReunificationView }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const actions = planActions(view);
  return (
    <section aria-labelledby="handover-title">
      <Title order={2} size="h4" id="handover-title" mb="xs">
        {t('reunification.handover')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {sides.map((s) => {
          const h = view.handovers.find((x) => x.side === s);
          return (
            <Paper
              key={s}
              withBorder
              p="sm"
              data-testid="handover"
              data-side={s}
              data-done={h ? 'yes' : 'no'}
            >
              <Text size="sm" fw={600} mb={4}>
                {t(`reunification.side.${s}`)}
                {view.side === s ? ` (${t('reunification.yourSide')})` : ''}
              </Text>
              {h ? (
                <Fields vertical>
                  <Field label={t('fields.handedOverAt')} value={formatDateTime(h.handedOverAt, lang)} />
                  <Field label={t('reunification.confirmedBy')} value={<Actor userId={h.confirmedBy} />} />
                  <Field label={t('contact.notes')} value={'notes' in h ? h.notes : <Withheld />} />
                  <Field
                    label={t('contact.wellbeing')}
                    value={'childWellbeing' in h ? h.childWellbeing : <Withheld />}
                  />
                  <Field
                    label={t('reunification.recordHash')}
                    value={<Code>{shortHash(h.recordHash)}</Code>}
                  />
                </Fields>
              ) : view.side === s && canWrite && actions.handover ? (
                <HandoverForm caseId={c.id} planId={view.plan!.id} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('reunification.handoverAwaited')}
                </Text>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

function HandoverForm({ caseId, planId }: { caseId: string; planId: string }) {
  const { t } = useLang();
  const update = useViewUpdate(caseId);
  const [at, setAt] = useState(() => isoToLocalInput(new Date().toISOString()));
  const [notes, setNotes] = useState('');
  const [wellbeing, setWellbeing] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.recordHandover(planId, {
        handedOverAt: localInputToIso(at) ?? '',
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(wellbeing.trim() ? { childWellbeing: wellbeing.trim() } : {}),
      }),
    onSuccess: update,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput
          type="datetime-local"
          label={t('fields.handedOverAt')}
          required
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
        />
        <Textarea
          label={t('contact.notes')}
          autosize
          minRows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <Textarea
          label={t('contact.wellbeing')}
          description={t('contact.wellbeingHint')}
          autosize
          minRows={2}
          maxLength={4000}
          value={wellbeing}
          onChange={(e) => setWellbeing(e.currentTarget.value)}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="handover-submit">
            {t('reunification.recordHandover')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WelfareChecks({ c, checks }: { c: CaseDetail; checks: WelfareCheck[] }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const [recording, setRecording] = useState<WelfareCheck | null>(null);
  const rows = [...checks].sort((a, b) => a.offsetDays - b.offsetDays);
  return (
    <section aria-labelledby="welfare-title">
      <Title order={2} size="h4" id="welfare-title" mb="xs">
        {t('reunification.welfareChecks')}
      </Title>
      <Table.ScrollContainer minWidth={680}>
        <Table withTableBorder striped data-testid="welfare-checks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reunification.colAfter')}</Table.Th>
              <Table.Th>{t('reunification.colDue')}</Table.Th>
              <Table.Th>{t('reunification.colStatus')}</Table.Th>
              <Table.Th>{t('reunification.colOutcome')}</Table.Th>
              <Table.Th>{t('contact.colNotes')}</Table.Th>
              <Table.Th>{t('contact.colAction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((w) => (
              <Table.Tr key={w.id} data-testid="welfare-row" data-status={w.status}>
                <Table.Td>{t('reunification.daysAfter', { count: w.offsetDays })}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatPartialDate(w.dueOn, lang)}
                  {w.overdueFlaggedAt && w.status === 'scheduled' && (
                    <Text span c="red.9" size="sm" fw={600}>
                      {' '}
                      · {t('enums.contactState.overdue')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge kind="welfareStatus" status={w.status} />
                </Table.Td>
                <Table.Td>
                  {w.outcome ? (
                    <Text
                      span
                      size="sm"
                      fw={600}
                      c={w.outcome === 'well' ? 'teal.9' : w.outcome === 'urgent' ? 'red.9' : 'orange.9'}
                    >
                      {t(`enums.welfareOutcome.${w.outcome}`)}
                    </Text>
                  ) : (
                    (w.missedReason ?? '—')
                  )}
                </Table.Td>
                <Table.Td className="pre-wrap">{'notes' in w ? (w.notes ?? '—') : <Withheld />}</Table.Td>
                <Table.Td>
                  {canWrite && w.status === 'scheduled' ? (
                    <Button size="xs" variant="outline" onClick={() => setRecording(w)}>
                      {t('contact.record')}
                    </Button>
                  ) : w.recordedBy ? (
                    <Text size="xs" c="dimmed">
                      <Actor userId={w.recordedBy} />
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={recording !== null}
        onClose={() => setRecording(null)}
        title={t('reunification.recordCheck')}
        centered
      >
        {recording && (
          <WelfareForm
            key={recording.id}
            caseId={c.id}
            check={recording}
            onClose={() => setRecording(null)}
          />
        )}
      </Modal>
    </section>
  );
}

function WelfareForm({
  caseId,
  check,
  onClose,
}: {
  caseId: string;
  check: WelfareCheck;
  onClose: () => void;
}) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'done' | 'missed'>('done');
  const [outcome, setOutcome] = useState<(typeof welfareOutcomes)[number]>('well');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const extra = notes.trim() ? { notes: notes.trim() } : {};
      const body: WelfareRecord =
        status === 'done' ? { status, outcome, ...extra } : { status, reason: reason.trim(), ...extra };
      return api.recordWelfareCheck(check.id, body);
    },
    onSuccess: async () => {
      onClose();
      await qc.invalidateQueries({ queryKey: ['cases', 'reunification', caseId] });
    },
  });
  const ready = status === 'done' || reason.trim().length > 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) save.mutate();
      }}
    >
      <Stack>
        <Text size="sm">
          {t('reunification.recordCheckIntro', {
            count: check.offsetDays,
            date: formatPartialDate(check.dueOn, lang),
          })}
        </Text>
        <SegmentedControl
          fullWidth
          value={status}
          onChange={(v) => setStatus(v as 'done' | 'missed')}
          data={(['done', 'missed'] as const).map((s) => ({
            value: s,
            label: t(`enums.welfareStatus.${s}`),
          }))}
          aria-label={t('reunification.colStatus')}
        />
        {status === 'done' ? (
          <Select
            label={t('reunification.colOutcome')}
            data={welfareOutcomes.map((o) => ({ value: o, label: t(`enums.welfareOutcome.${o}`) }))}
            value={outcome}
            onChange={(v) => v && setOutcome(v as typeof outcome)}
            allowDeselect={false}
            description={outcome === 'urgent' ? t('reunification.urgentHint') : undefined}
          />
        ) : (
          <Textarea
            label={t('case.reason')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <Textarea
          label={t('contact.notes')}
          autosize
          minRows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!ready}>
            {t('reunification.saveCheck')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
