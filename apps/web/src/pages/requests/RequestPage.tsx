import { Alert, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../../api/client.ts';
import { useTracingRequest } from '../../api/queries.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../components/Fields.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { displayName, formatDateTime, formatPartialDate, fullName } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { CandidateMatches } from './CandidateMatches.tsx';
import { RequestProposals } from './RequestProposals.tsx';
import { PhotosTab } from '../media/PhotosTab.tsx';

export function RequestPage({ id }: { id: string }) {
  const { t, lang } = useLang();
  const q = useTracingRequest(id);
  // The engine's proposals for readers of matches; others keep the name search.
  const canMatch = useCan('match.read');
  const { session } = useSession();
  const r = q.data;
  const w = r?.withheld ?? [];
  const primary = r?.sought.names[0];
  return (
    <Stack>
      <Link to={paths.requests} size="sm">
        ← {t('nav.requests')}
      </Link>
      {q.isPending && <Skeleton h={240} role="status" aria-label={t('app.loading')} />}
      {q.isError &&
        (q.error instanceof ApiError && q.error.status === 404 ? (
          <Alert color="gray.8" variant="outline" role="alert">
            {t('requests.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ))}
      {r && (
        <>
          <div>
            <Group gap="sm">
              <PageTitle mb={0}>{displayName(r.sought.names, lang)}</PageTitle>
              <StatusBadge kind="requestStatus" status={r.status} />
            </Group>
            <Text size="sm" c="dimmed">
              {t('requests.detailTitle')} · {t('fields.filedOn')}: {formatPartialDate(r.filedOn, lang)} ·{' '}
              {t('dossier.recordInfo', { version: r.version, date: formatDateTime(r.updatedAt, lang) })}
            </Text>
            {r.partyId === session.party.id && (
              <Link to={paths.sharingRequest(r.id)} size="sm" data-testid="disclosure-preview-link">
                {t('sharing.preview.open')}
              </Link>
            )}
          </div>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                <section>
                  <Title order={2} size="h4" mb="xs">
                    {t('requests.sought')}
                  </Title>
                  <Fields>
                    <Field
                      label={t('dossier.names')}
                      value={r.sought.names.map((n) => fullName(n)).join('; ')}
                      path="sought.names"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.sex')}
                      value={t(`enums.sex.${r.sought.sex}`)}
                      path="sought.sex"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.birthDate')}
                      value={formatPartialDate(r.sought.birthDate, lang)}
                      path="sought.birthDate"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.birthPlace')}
                      value={r.sought.birthPlace}
                      path="sought.birthPlace"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.displacementPlace')}
                      value={r.sought.displacement.place}
                      path="sought.displacement.place"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.displacementDate')}
                      value={formatPartialDate(r.sought.displacement.date, lang)}
                      path="sought.displacement.date"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.displacementKind')}
                      value={t(`enums.displacementKind.${r.sought.displacement.kind}`)}
                      path="sought.displacement.kind"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.lastKnownPlace')}
                      value={r.sought.lastKnownPlace}
                      path="sought.lastKnownPlace"
                      withheld={w}
                    />
                  </Fields>
                </section>
                <section>
                  <Title order={2} size="h4" mb="xs">
                    {t('requests.requester')}
                  </Title>
                  <Fields>
                    <Field
                      label={t('fields.requesterName')}
                      value={r.requester.name}
                      path="requester.name"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.relationship')}
                      value={t(`enums.relationship.${r.requester.relationship}`)}
                      path="requester.relationship"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.phone')}
                      value={r.requester.contact.phone}
                      path="requester.contact.phone"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.email')}
                      value={r.requester.contact.email}
                      path="requester.contact.email"
                      withheld={w}
                    />
                    <Field
                      label={t('fields.address')}
                      value={r.requester.contact.address}
                      path="requester.contact.address"
                      withheld={w}
                    />
                  </Fields>
                </section>
                <section data-testid="request-photos">
                  <Title order={2} size="h4" mb="xs">
                    {t('dossier.photos')}
                  </Title>
                  <PhotosTab subject="requests" subjectId={r.id} writable={r.partyId === session.party.id} />
                </section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              {canMatch ? (
                <RequestProposals requestId={r.id} />
              ) : (
                <CandidateMatches
                  name={[primary?.givenName, primary?.familyName].filter(Boolean).join(' ')}
                  birthYear={r.sought.birthDate ? Number(r.sought.birthDate.slice(0, 4)) : undefined}
                />
              )}
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
