import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  Radio,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { ageOutConsentDecisions, ageOutConsentRecordedHow, ageOutOutcomes } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, type AgeOutDetail } from '../../api/client.ts';
import { useAgeOutEntry, useDossier } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../components/Fields.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Withheld } from '../../components/Withheld.tsx';
import { displayName, formatDateTime, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { canRecordConsentYet, deadlineDisplay } from './age-out.ts';
import { DaysLeft, EighteenthBirthday } from './AgeOutQueuePage.tsx';

type Decision = (typeof ageOutConsentDecisions)[number];
type How = (typeof ageOutConsentRecordedHow)[number];
type Outcome = (typeof ageOutOutcomes)[number];

export function AgeOutEntryPage({ id }: { id: string }) {
  const { t } = useLang();
  const q = useAgeOutEntry(id);
  return (
    <Stack>
      <Link to={paths.ageOut} size="sm">
        ← {t('nav.ageOut')}
      </Link>
      {q.isPending && <Skeleton h={320} role="status" aria-label={t('app.loading')} />}
      {q.isError &&
        (q.error instanceof ApiError && q.error.status === 404 ? (
          <Alert color="gray.8" variant="outline" role="alert">
            {t('ageOut.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ))}
      {q.data && <EntryView e={q.data} />}
    </Stack>
  );
}

function EntryView({ e }: { e: AgeOutDetail }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const dossier = useDossier(e.dossierId);
  const d = deadlineDisplay(e, new Date());
  const closed = e.status === 'resolved' || e.status === 'withdrawn';
  return (
    <>
      <div>
        <Group gap="sm">
          <PageTitle mb={0}>
            {dossier.data
              ? displayName(dossier.data.names, lang)
              : t('ageOut.entryTitle', { id: e.id.slice(0, 8) })}
          </PageTitle>
          <StatusBadge kind="ageOutStatus" status={e.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('ageOut.entrySubtitle')} ·{' '}
          {t('dossier.recordInfo', { version: e.version, date: formatPartialDate(e.foundOn, lang) })}
        </Text>
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="dates-title">
            <Title order={2} size="h4" id="dates-title" mb="xs">
              {t('ageOut.dates')}
            </Title>
            <Fields>
              <Field
                label={t('ageOut.colEighteen')}
                value={
                  <EighteenthBirthday
                    eligibleOn={e.eligibleOn}
                    adultFrom={e.adultFrom}
                    approximate={e.approximate}
                  />
                }
              />
              {e.approximate && (
                <Field label={t('ageOut.adultFrom')} value={formatPartialDate(e.adultFrom, lang)} />
              )}
              <Field label={t('ageOut.foundOn')} value={formatPartialDate(e.foundOn, lang)} />
              <Field
                label={t('ageOut.colDeadline')}
                value={
                  <Group gap="xs">
                    {formatPartialDate(e.deadlineOn, lang)}
                    <DaysLeft tone={d.tone} label={t(d.key, { count: d.days })} />
                  </Group>
                }
              />
              {e.withdrawnReason && (
                <Field
                  label={t('ageOut.withdrawnReason')}
                  value={t(`enums.ageOutWithdrawn.${e.withdrawnReason}`)}
                />
              )}
              {e.resolution && (
                <Field
                  label={t('ageOut.resolution')}
                  value={
                    <>
                      <b>{t(`enums.ageOutOutcome.${e.resolution.outcome}`)}</b> ·{' '}
                      {formatDateTime(e.resolution.at, lang)} · <Actor userId={e.resolution.by} />
                      <div className="pre-wrap">
                        {e.withheld.includes('resolution.reason') ? <Withheld /> : e.resolution.reason}
                      </div>
                    </>
                  }
                />
              )}
              <Field
                label={t('ageOut.colDossier')}
                value={
                  <Link to={paths.dossier(e.dossierId)}>
                    {dossier.data
                      ? displayName(dossier.data.names, lang)
                      : t('cases.dossierRef', { id: e.dossierId.slice(0, 8) })}
                  </Link>
                }
              />
              <Field
                label={t('ageOut.colCase')}
                value={
                  e.caseId ? (
                    <Link to={paths.case(e.caseId)}>{t('cases.caseRef', { id: e.caseId.slice(0, 8) })}</Link>
                  ) : (
                    t('ageOut.noCase')
                  )
                }
              />
            </Fields>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            {canWrite && !closed && <ConsentForm e={e} />}
            {canWrite && !closed && <ResolveForm e={e} />}
            {!canWrite && (
              <Text size="sm" c="dimmed">
                {t('ageOut.noWrite')}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <section aria-labelledby="consents-title">
        <Title order={2} size="h4" id="consents-title" mb="xs">
          {t('ageOut.consentHistory')}
        </Title>
        {e.consentHistory.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('ageOut.noConsent')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder data-testid="consent-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('case.colWhen')}</Table.Th>
                  <Table.Th>{t('ageOut.decision')}</Table.Th>
                  <Table.Th>{t('ageOut.recordedHow')}</Table.Th>
                  <Table.Th>{t('ageOut.replaces')}</Table.Th>
                  <Table.Th>{t('case.colWho')}</Table.Th>
                  <Table.Th>{t('contact.colNotes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {e.consentHistory.map((c, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.at, lang)}</Table.Td>
                    <Table.Td>
                      <b>{t(`enums.consentDecision.${c.decision}`)}</b>
                    </Table.Td>
                    <Table.Td>{t(`enums.consentRecordedHow.${c.recordedHow}`)}</Table.Td>
                    <Table.Td>{t(`enums.consentReplaces.${c.replaces}`)}</Table.Td>
                    <Table.Td>
                      <Actor userId={c.recordedBy} />
                    </Table.Td>
                    <Table.Td className="pre-wrap">{'notes' in c ? (c.notes ?? '—') : <Withheld />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </>
  );
}

function useEntryUpdate(id: string) {
  const qc = useQueryClient();
  return async (updated: AgeOutDetail) => {
    qc.setQueryData(['age-out', 'one', id], updated);
    await qc.invalidateQueries({ queryKey: ['age-out', 'list'] });
  };
}

function ConsentForm({ e }: { e: AgeOutDetail }) {
  const { t, lang } = useLang();
  const update = useEntryUpdate(e.id);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [how, setHow] = useState<How>('with-official');
  const [notes, setNotes] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.recordAgeOutConsent(e.id, {
        decision: decision!,
        recordedHow: how,
        version: e.version,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      }),
    onSuccess: async (v) => {
      setDecision(null);
      setNotes('');
      await update(v);
    },
  });
  const adult = canRecordConsentYet(e);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="consent-title">
      <Title order={2} size="h4" id="consent-title" mb="xs">
        {t('ageOut.recordConsent')}
      </Title>
      <Text size="sm" mb="sm">
        {t('ageOut.consentIntro')}
      </Text>
      {!adult && (
        <Alert color="orange.9" variant="outline" mb="sm" data-testid="not-yet-adult">
          <Text size="sm">{t('ageOut.notYetAdult', { date: formatPartialDate(e.adultFrom, lang) })}</Text>
        </Alert>
      )}
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          if (decision) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Radio.Group
            label={t('ageOut.decision')}
            value={decision}
            onChange={(v) => setDecision(v as Decision)}
            required
          >
            <Group mt={4}>
              {ageOutConsentDecisions.map((d) => (
                <Radio key={d} value={d} label={t(`enums.consentDecision.${d}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Radio.Group label={t('ageOut.recordedHow')} value={how} onChange={(v) => setHow(v as How)}>
            <Group mt={4}>
              {ageOutConsentRecordedHow.map((h) => (
                <Radio key={h} value={h} label={t(`enums.consentRecordedHow.${h}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('contact.notes')}
            autosize
            minRows={2}
            maxLength={4000}
            value={notes}
            onChange={(ev) => setNotes(ev.currentTarget.value)}
          />
          {save.isError && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!decision || !adult}>
              {t('ageOut.saveConsent')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ResolveForm({ e }: { e: AgeOutDetail }) {
  const { t } = useLang();
  const update = useEntryUpdate(e.id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.resolveAgeOut(e.id, { outcome: outcome!, reason: reason.trim(), version: e.version }),
    onSuccess: update,
  });
  const ready = outcome !== null && reason.trim().length > 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="resolve-title">
      <Title order={2} size="h4" id="resolve-title" mb="xs">
        {t('ageOut.resolve')}
      </Title>
      <Text size="sm" mb="sm">
        {t('ageOut.resolveIntro')}
      </Text>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          if (ready) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('ageOut.outcome')}
            data={ageOutOutcomes.map((o) => ({ value: o, label: t(`enums.ageOutOutcome.${o}`) }))}
            value={outcome}
            onChange={(v) => setOutcome(v as Outcome | null)}
            required
          />
          <Textarea
            label={t('case.reason')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            onChange={(ev) => setReason(ev.currentTarget.value)}
          />
          {save.isError && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button type="submit" color="gray.8" loading={save.isPending} disabled={!ready}>
              {t('ageOut.saveResolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
