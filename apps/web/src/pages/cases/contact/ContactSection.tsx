import {
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  NumberInput,
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
import { contactChannels, type CaseDetail } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  api,
  type CaseContact,
  type ContactOccurrence,
  type ContactPlan,
  type ContactPlanInput,
  type ContactRecordInput,
} from '../../../api/client.ts';
import { useCaseContact } from '../../../api/queries.ts';
import { useCan, useSession } from '../../../auth/session.tsx';
import { Actor } from '../../../components/Actor.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../../components/Fields.tsx';
import { ReasonDialog } from '../../../components/ReasonDialog.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { isWithheld, Withheld } from '../../../components/Withheld.tsx';
import { formatDateTime, formatNumber, formatPartialDate } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { localInputToIso, isoToLocalInput } from '../reunification/reunification.ts';
import {
  contactActiveStatuses,
  occurrenceState,
  percentOf,
  recordable,
  weekdayAllowed,
  weekdays,
} from './contact.ts';

/** The case's contact plan, its contacts and how regular contact has been. */
export function ContactSection({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const q = useCaseContact(c.id);
  if (q.isPending) return <Skeleton h={240} role="status" aria-label={t('app.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Stack data-testid="contact-section">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PlanCard c={c} contact={q.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Regularity contact={q.data} />
        </Grid.Col>
      </Grid>
      <ContactsTable contact={q.data} />
    </Stack>
  );
}

function PlanCard({ c, contact }: { c: CaseDetail; contact: CaseContact }) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const canWrite = useCan('contact.write');
  const plan = contact.plan;
  const [editing, setEditing] = useState<'create' | 'change' | null>(null);
  const [stopping, setStopping] = useState<'suspended' | 'cancelled' | null>(null);
  const caseActive = contactActiveStatuses.includes(c.status);
  const refresh = () => qc.invalidateQueries({ queryKey: ['cases', 'contact', c.id] });
  const status = useMutation({
    mutationFn: (body: { status: 'active' | 'suspended' | 'cancelled'; reason?: string }) =>
      api.patchContactPlan(plan!.id, { version: plan!.version, ...body }),
    onSuccess: async () => {
      setStopping(null);
      await refresh();
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
      {canWrite && (
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

type PlanForm = {
  channel: ContactPlanInput['channel'];
  intervalDays: number;
  preferredWeekday: string | null;
  preferredTime: string;
  languages: string;
  interpreterNeeded: boolean;
  holdingSupervisorId: string;
  familySupervisorId: string;
  startsOn: string;
};

function initialPlanForm(plan: ContactPlan | null, side: CaseDetail['side'], me: string): PlanForm {
  if (plan)
    return {
      channel: plan.channel,
      intervalDays: plan.intervalDays,
      preferredWeekday: plan.preferredWeekday ? String(plan.preferredWeekday) : null,
      preferredTime: plan.preferredTime ?? '',
      languages: plan.languages.join(', '),
      interpreterNeeded: plan.interpreterNeeded,
      holdingSupervisorId: plan.holdingSupervisorId,
      familySupervisorId: plan.familySupervisorId,
      startsOn: '',
    };
  return {
    channel: 'video-call',
    intervalDays: 7,
    preferredWeekday: null,
    preferredTime: '',
    languages: '',
    interpreterNeeded: false,
    holdingSupervisorId: side === 'holding' ? me : '',
    familySupervisorId: side === 'family' ? me : '',
    startsOn: '',
  };
}

/**
 * Makes or changes the plan. Homeward has no list of users to choose supervisors from yet: the
 * user's own side is filled in with the user, the other side's officer is entered by user id.
 */
function PlanDialog({
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
  const save = useMutation({
    mutationFn: (form: PlanForm) => {
      const languages = form.languages
        .split(/[\s,;]+/)
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      const body = {
        channel: form.channel,
        intervalDays: form.intervalDays,
        preferredWeekday:
          form.preferredWeekday && weekdayAllowed(form.intervalDays) ? Number(form.preferredWeekday) : null,
        preferredTime: form.preferredTime || null,
        languages,
        interpreterNeeded: form.interpreterNeeded,
        holdingSupervisorId: form.holdingSupervisorId.trim(),
        familySupervisorId: form.familySupervisorId.trim(),
      };
      return plan
        ? api.patchContactPlan(plan.id, { ...body, version: plan.version })
        : api.createContactPlan(c.id, { ...body, ...(form.startsOn ? { startsOn: form.startsOn } : {}) });
    },
    onSuccess: async () => {
      onClose();
      await qc.invalidateQueries({ queryKey: ['cases', 'contact', c.id] });
    },
  });
  const set = <K extends keyof PlanForm>(k: K, v: PlanForm[K]) => setF((p) => ({ ...p, [k]: v }));
  const supervisorHint = (s: 'holding' | 'family') =>
    c.side === s ? t('contact.supervisorOwnHint') : t('contact.supervisorOtherHint');

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(f);
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
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('contact.languages')}
              description={t('contact.languagesHint')}
              value={f.languages}
              onChange={(e) => set('languages', e.currentTarget.value)}
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

function Regularity({ contact }: { contact: CaseContact }) {
  const { t, lang } = useLang();
  const r = contact.regularity;
  const share = percentOf(r.shareHeldOnTime);
  const figures: Array<[string, string]> = [
    ['due', formatNumber(r.due, lang)],
    ['held', formatNumber(r.held, lang)],
    ['heldOnTime', formatNumber(r.heldOnTime, lang)],
    ['missed', formatNumber(r.missed, lang)],
    ['cancelled', formatNumber(r.cancelled, lang)],
    ['overdue', formatNumber(r.overdue, lang)],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="regularity-title">
      <Title order={2} size="h4" id="regularity-title" mb="xs">
        {t('contact.regularity')}
      </Title>
      <Text size="xl" fw={700} data-testid="share-on-time">
        {share === null ? '—' : `${share}%`}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('contact.shareOnTime')}
      </Text>
      <SimpleGrid cols={3} spacing="xs" data-testid="regularity">
        {figures.map(([k, v]) => (
          <div key={k} data-figure={k}>
            <Text size="lg" fw={600} c={k === 'overdue' && r.overdue > 0 ? 'red.9' : undefined}>
              {v}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`contact.figure.${k}`)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="sm" mt="sm">
        {t('contact.lastHeld')}: {formatDateTime(r.lastHeldAt, lang) ?? t('contact.never')}
      </Text>
    </Paper>
  );
}

function ContactsTable({ contact }: { contact: CaseContact }) {
  const { t, lang } = useLang();
  const canWrite = useCan('contact.write');
  const [recording, setRecording] = useState<ContactOccurrence | null>(null);
  const planActive = contact.plan?.status === 'active';
  const now = new Date();
  const wellbeingHidden = isWithheld(contact.withheld, 'occurrences.wellbeing');
  const rows = [...contact.occurrences].sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  return (
    <section aria-labelledby="contacts-title">
      <Title order={2} size="h4" id="contacts-title" mb="xs">
        {t('contact.contacts')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contact.noContacts')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table withTableBorder striped data-testid="contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contact.colDue')}</Table.Th>
                <Table.Th>{t('contact.channel')}</Table.Th>
                <Table.Th>{t('contact.colState')}</Table.Th>
                <Table.Th>{t('contact.colHeld')}</Table.Th>
                <Table.Th>{t('contact.colNotes')}</Table.Th>
                <Table.Th>{t('contact.colWellbeing')}</Table.Th>
                <Table.Th>{t('contact.colAction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const state = occurrenceState(o, now);
                return (
                  <Table.Tr key={o.id} data-testid="contact-row" data-state={state}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(o.dueAt, lang)}</Table.Td>
                    <Table.Td>{t(`enums.contactChannel.${o.channel}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge kind="contactState" status={state} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {o.status === 'held'
                        ? `${formatDateTime(o.heldAt, lang)} · ${t('contact.minutes', { count: o.durationMinutes ?? 0 })}`
                        : (o.reason ?? '—')}
                    </Table.Td>
                    <Table.Td className="pre-wrap">{o.notes ?? '—'}</Table.Td>
                    <Table.Td className="pre-wrap">
                      {wellbeingHidden ? <Withheld /> : (o.wellbeing ?? '—')}
                    </Table.Td>
                    <Table.Td>
                      {canWrite && recordable(state, planActive) ? (
                        <Button size="xs" variant="outline" onClick={() => setRecording(o)}>
                          {t('contact.record')}
                        </Button>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {o.recordedBy ? <Actor userId={o.recordedBy} /> : '—'}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordDialog occurrence={recording} onClose={() => setRecording(null)} />
    </section>
  );
}

type Outcome = ContactRecordInput['outcome'];

function RecordDialog({
  occurrence,
  onClose,
}: {
  occurrence: ContactOccurrence | null;
  onClose: () => void;
}) {
  const { t } = useLang();
  return (
    <Modal opened={occurrence !== null} onClose={onClose} title={t('contact.recordTitle')} centered>
      {occurrence && <RecordFormBody key={occurrence.id} occurrence={occurrence} onClose={onClose} />}
    </Modal>
  );
}

function RecordFormBody({ occurrence, onClose }: { occurrence: ContactOccurrence; onClose: () => void }) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>('held');
  const [heldAt, setHeldAt] = useState(() => isoToLocalInput(new Date().toISOString()));
  const [duration, setDuration] = useState<number | string>(30);
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [wellbeing, setWellbeing] = useState('');
  const record = useMutation({
    mutationFn: (o: ContactOccurrence) => {
      const extra = {
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      };
      const body: ContactRecordInput =
        outcome === 'held'
          ? {
              outcome,
              durationMinutes: Number(duration),
              ...(localInputToIso(heldAt) ? { heldAt: localInputToIso(heldAt)! } : {}),
              ...extra,
              ...(wellbeing.trim() ? { wellbeing: wellbeing.trim() } : {}),
            }
          : outcome === 'missed'
            ? {
                outcome,
                reason: reason.trim(),
                ...extra,
                ...(wellbeing.trim() ? { wellbeing: wellbeing.trim() } : {}),
              }
            : { outcome, reason: reason.trim(), ...extra };
      return api.recordContact(o.id, body);
    },
    onSuccess: async (_, o) => {
      onClose();
      await qc.invalidateQueries({ queryKey: ['cases', 'contact', o.caseId] });
    },
  });
  const needsReason = outcome !== 'held';
  const ready = needsReason ? reason.trim().length > 0 : Number(duration) >= 1;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) record.mutate(occurrence);
      }}
    >
      <Stack>
        <Text size="sm">
          {t('contact.recordIntro', {
            channel: t(`enums.contactChannel.${occurrence.channel}`),
            date: formatDateTime(occurrence.dueAt, lang),
          })}
        </Text>
        <SegmentedControl
          fullWidth
          value={outcome}
          onChange={(v) => setOutcome(v as Outcome)}
          data={(['held', 'missed', 'cancelled'] as const).map((o) => ({
            value: o,
            label: t(`enums.contactState.${o}`),
          }))}
          aria-label={t('contact.outcome')}
        />
        {outcome === 'held' ? (
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('fields.heldAt')}
              value={heldAt}
              onChange={(e) => setHeldAt(e.currentTarget.value)}
            />
            <NumberInput
              label={t('fields.durationMinutes')}
              min={1}
              max={600}
              value={duration}
              onChange={setDuration}
              required
            />
          </Group>
        ) : (
          <Textarea
            label={t('case.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
        )}
        <Textarea
          label={t('contact.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
        />
        {outcome !== 'cancelled' && (
          <Textarea
            label={t('contact.wellbeing')}
            description={t('contact.wellbeingHint')}
            value={wellbeing}
            onChange={(e) => setWellbeing(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={5000}
          />
        )}
        {record.isError && <ErrorAlert error={record.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending} disabled={!ready}>
            {t('contact.saveRecord')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
