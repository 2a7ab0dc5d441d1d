import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { DossierView } from '../../api/client.ts';
import { Field, Fields } from '../../components/Fields.tsx';
import { isWithheld, Withheld } from '../../components/Withheld.tsx';
import { useSession } from '../../auth/session.tsx';
import { formatDateTime, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';

export function BiographyTab({ dossier: d }: { dossier: DossierView }) {
  const { t } = useLang();
  if (isWithheld(d.withheld, 'biography')) return <Withheld />;
  if (!d.biography) return <Text c="dimmed">{t('dossier.noBiography')}</Text>;
  return (
    <Text className="pre-wrap" maw="70ch">
      {d.biography}
    </Text>
  );
}

const areas = ['social', 'medical', 'psychological'] as const;

export function ServicesTab({ dossier: d }: { dossier: DossierView }) {
  const { t, lang } = useLang();
  const withheld = d.withheld ?? [];
  if (isWithheld(withheld, 'services')) return <Withheld />;
  const present = areas.filter((a) => d.services[a] || isWithheld(withheld, `services.${a}`));
  if (present.length === 0 && !d.services.notes) return <Text c="dimmed">{t('dossier.noServices')}</Text>;
  const yesNo = (v: boolean | null | undefined) =>
    v === true ? t('dossier.yes') : v === false ? t('dossier.no') : t('dossier.unknown');
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {present.map((a) => {
          const s = d.services[a];
          const base = `services.${a}`;
          return (
            <Card withBorder key={a} component="section" aria-labelledby={`svc-${a}`}>
              <Title order={2} size="h5" id={`svc-${a}`} mb="xs">
                {t(`enums.service.${a}`)}
              </Title>
              {isWithheld(withheld, base) ? (
                <Withheld />
              ) : (
                <Fields vertical>
                  <Field
                    label={t('dossier.serviceReceiving')}
                    value={yesNo(s?.receiving)}
                    path={`${base}.receiving`}
                    withheld={withheld}
                  />
                  <Field
                    label={t('dossier.serviceProvider')}
                    value={s?.provider}
                    path={`${base}.provider`}
                    withheld={withheld}
                  />
                  <Field
                    label={t('dossier.serviceSince')}
                    value={formatPartialDate(s?.since, lang)}
                    path={`${base}.since`}
                    withheld={withheld}
                  />
                  <Field
                    label={t('dossier.serviceSummary')}
                    value={s?.summary}
                    path={`${base}.summary`}
                    withheld={withheld}
                  />
                </Fields>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
      {(d.services.notes || isWithheld(withheld, 'services.notes')) && (
        <Fields>
          <Field
            label={t('dossier.serviceNotes')}
            value={<span className="pre-wrap">{d.services.notes}</span>}
            path="services.notes"
            withheld={withheld}
          />
        </Fields>
      )}
    </Stack>
  );
}

export function SourcesTab({ dossier: d }: { dossier: DossierView }) {
  const { t, lang } = useLang();
  const { session } = useSession();
  if (isWithheld(d.withheld, 'sources')) return <Withheld />;
  if (d.sources.length === 0) return <Text c="dimmed">{t('dossier.noSources')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dossier.sourceParty')}</Table.Th>
            <Table.Th>{t('dossier.sourceId')}</Table.Th>
            <Table.Th>{t('dossier.sourceReceived')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.sources.map((s) => (
            <Table.Tr key={`${s.partyId}:${s.sourceId}`}>
              <Table.Td>
                {s.partyId === session.party.id ? (
                  session.party.name
                ) : (
                  <Text span ff="monospace" size="sm">
                    {s.partyId.slice(0, 8)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{s.sourceId}</Table.Td>
              <Table.Td>{formatDateTime(s.receivedAt, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
