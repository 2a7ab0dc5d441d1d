import { Autocomplete, Button, Grid, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { dossierStatuses } from '@homeward/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useDossierSearch } from '../../api/queries.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { DossierResults } from './DossierResults.tsx';

type Filters = { name: string; status: string | null; birthYear: number | string; region: string };
const initial: Filters = { name: '', status: null, birthYear: '', region: '' };

export function DossierSearchPage() {
  const { t } = useLang();
  const [f, setF] = useMemoryState<Filters>('dossier-search', initial);
  const [debounced] = useDebouncedValue(f, 250);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setF((prev) => ({ ...prev, [k]: v }));

  const year =
    typeof debounced.birthYear === 'number' && debounced.birthYear >= 1900 && debounced.birthYear <= 2200
      ? debounced.birthYear
      : undefined;
  const query = useDossierSearch({
    name: debounced.name.trim() || undefined,
    status: (debounced.status as (typeof dossierStatuses)[number] | null) ?? undefined,
    birthYear: year,
    region: debounced.region.trim() || undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const regions = useMemo(
    () => [...new Set(items.map((d) => d.currentLocation.region).filter((r): r is string => !!r))].sort(),
    [items],
  );
  const filtered = f.status !== null || f.birthYear !== '' || f.region !== '';

  return (
    <Stack>
      <PageTitle>{t('dossiers.title')}</PageTitle>
      <form role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('dossiers.searchLabel')}>
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label={t('dossiers.searchLabel')}
              description={t('dossiers.searchHint')}
              placeholder={t('dossiers.searchPlaceholder')}
              value={f.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              type="search"
              autoComplete="off"
              data-autofocus
              size="md"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
            <Select
              label={t('dossiers.status')}
              placeholder={t('dossiers.anyStatus')}
              data={dossierStatuses.map((s) => ({ value: s, label: t(`enums.dossierStatus.${s}`) }))}
              value={f.status}
              onChange={(v) => set('status', v)}
              clearable
              size="md"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
            <NumberInput
              label={t('dossiers.birthYear')}
              value={f.birthYear}
              onChange={(v) => set('birthYear', v)}
              min={1900}
              max={2200}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator={false}
              hideControls
              size="md"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5, md: 3 }}>
            <Autocomplete
              label={t('dossiers.region')}
              placeholder={t('dossiers.regionHint')}
              data={regions}
              value={f.region}
              onChange={(v) => set('region', v)}
              size="md"
            />
          </Grid.Col>
        </Grid>
        {filtered && (
          <Group mt="xs">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setF((prev) => ({ ...initial, name: prev.name }))}
            >
              {t('dossiers.clearFilters')}
            </Button>
          </Group>
        )}
      </form>
      <DossierResults query={query} items={items} />
    </Stack>
  );
}
