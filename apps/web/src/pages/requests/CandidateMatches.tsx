import { Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useDossierSearch } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { displayName, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';

/**
 * Children on record whose names resemble the one being typed. For now this is the dossier name
 * search (any script); proper matching on all fields replaces it when its API exists.
 */
export function CandidateMatches({ name, birthYear }: { name: string; birthYear?: number | undefined }) {
  const { t, lang } = useLang();
  const [debounced] = useDebouncedValue(name.trim(), 300);
  const enabled = debounced.length >= 2;
  const query = useDossierSearch({ name: debounced || undefined }, enabled);
  const items = useMemo(() => {
    const all = query.data?.pages[0]?.items ?? [];
    // Same birth year first: the most likely candidates on top.
    const year = (d: (typeof all)[number]) =>
      birthYear && d.birthDate?.startsWith(String(birthYear)) ? 0 : 1;
    return [...all].sort((a, b) => year(a) - year(b)).slice(0, 8);
  }, [query.data, birthYear]);

  return (
    <Paper withBorder p="md" component="aside" aria-labelledby="candidates-title" data-testid="candidates">
      <Title order={2} size="h4" id="candidates-title">
        {t('requestForm.candidates')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('requestForm.candidatesHint')}
      </Text>
      <div role="status" aria-live="polite">
        {!enabled && <Text size="sm">{t('requestForm.candidatesTypeName')}</Text>}
        {enabled && query.isFetching && (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('requestForm.candidatesSearching')}</Text>
          </Group>
        )}
        {enabled && query.isSuccess && !query.isFetching && items.length === 0 && (
          <Text size="sm">{t('requestForm.candidatesNone')}</Text>
        )}
      </div>
      {enabled && query.isError && <ErrorAlert error={query.error} />}
      {enabled && items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((d) => (
            <li key={d.id} data-testid="candidate">
              <Link to={paths.dossier(d.id)} fw={600} target="_blank" rel="noopener">
                {displayName(d.names, lang)}
              </Link>
              <Group gap={6}>
                <Text size="xs">{formatPartialDate(d.birthDate, lang) ?? '—'}</Text>
                {d.currentLocation.region && <Text size="xs">· {d.currentLocation.region}</Text>}
                {birthYear && d.birthDate?.startsWith(String(birthYear)) && (
                  <Badge size="xs" color="teal.9" tt="none">
                    {t('dossiers.birthYear')} ✓
                  </Badge>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
