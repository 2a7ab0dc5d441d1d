import { Alert, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import type { DossierView } from '../../api/client.ts';
import { Field, Fields } from '../../components/Fields.tsx';
import { LockIcon } from '../../components/Withheld.tsx';
import { formatPartialDate, fullName } from '../../i18n/format.ts';
import { intlLocale } from '../../i18n/resources.ts';
import { useLang } from '../../i18n/useLang.ts';

export function languageName(code: string, lang: keyof typeof intlLocale): string {
  try {
    return new Intl.DisplayNames([intlLocale[lang]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function IdentityTab({ dossier: d }: { dossier: DossierView }) {
  const { t, lang } = useLang();
  const withheld = d.withheld ?? [];
  return (
    <Stack gap="lg">
      {withheld.length > 0 && (
        <Alert color="gray.8" variant="outline" icon={<LockIcon size={16} />}>
          {t('withheld.explain')}
        </Alert>
      )}
      <section>
        <Title order={2} size="h4" mb="xs">
          {t('dossier.names')}
        </Title>
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dossiers.colName')}</Table.Th>
                <Table.Th>{t('fields.script')}</Table.Th>
                <Table.Th>{t('fields.nameKind')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.names.map((n, i) => (
                <Table.Tr key={i}>
                  <Table.Td lang={n.script === 'Latn' ? 'en' : n.script.slice(0, 2)}>{fullName(n)}</Table.Td>
                  <Table.Td>{t(`enums.script.${n.script}`)}</Table.Td>
                  <Table.Td>{t(`enums.nameKind.${n.kind}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <Fields>
          <Field label={t('fields.sex')} value={t(`enums.sex.${d.sex}`)} path="sex" withheld={withheld} />
          <Field
            label={t('fields.birthDate')}
            value={formatPartialDate(d.birthDate, lang)}
            path="birthDate"
            withheld={withheld}
          />
          <Field label={t('fields.birthPlace')} value={d.birthPlace} path="birthPlace" withheld={withheld} />
          <Field
            label={t('dossier.languages')}
            value={d.languages.map((l) => languageName(l, lang)).join(', ')}
            path="languages"
            withheld={withheld}
          />
        </Fields>
        <Stack gap="md">
          <section>
            <Title order={2} size="h4" mb="xs">
              {t('dossier.currentLocation')}
            </Title>
            <Fields>
              <Field
                label={t('fields.region')}
                value={d.currentLocation.region}
                path="currentLocation.region"
                withheld={withheld}
              />
              <Field
                label={t('fields.placement')}
                value={t(`enums.placement.${d.currentLocation.placement}`)}
                path="currentLocation.placement"
                withheld={withheld}
              />
              <Field
                label={t('fields.address')}
                value={d.currentLocation.address}
                path="currentLocation.address"
                withheld={withheld}
              />
            </Fields>
          </section>
          <section>
            <Title order={2} size="h4" mb="xs">
              {t('dossier.displacement')}
            </Title>
            <Fields>
              <Field
                label={t('fields.displacementPlace')}
                value={d.displacement.place}
                path="displacement.place"
                withheld={withheld}
              />
              <Field
                label={t('fields.displacementDate')}
                value={formatPartialDate(d.displacement.date, lang)}
                path="displacement.date"
                withheld={withheld}
              />
              <Field
                label={t('fields.displacementKind')}
                value={t(`enums.displacementKind.${d.displacement.kind}`)}
                path="displacement.kind"
                withheld={withheld}
              />
            </Fields>
          </section>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
