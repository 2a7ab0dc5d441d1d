import { Badge, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Withheld } from '../../components/Withheld.tsx';
import { formatPartialDate, fullName } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { agreement, comparedFields, type ComparedField, type ComparedRecord } from './comparison.ts';

const labels: Record<ComparedField, string> = {
  names: 'dossier.names',
  sex: 'fields.sex',
  birthDate: 'fields.birthDate',
  birthPlace: 'fields.birthPlace',
  displacementPlace: 'fields.displacementPlace',
  displacementDate: 'fields.displacementDate',
  place: 'match.placeNow',
};

/** Both records field by field; a row whose values differ is tinted and says so in words. */
export function ComparisonTable({
  left,
  right,
  leftTitle,
  rightTitle,
}: {
  left: ComparedRecord | null;
  right: ComparedRecord | null;
  leftTitle: string;
  rightTitle: string;
}) {
  const { t, lang } = useLang();
  const value = (r: ComparedRecord | null, f: ComparedField): ReactNode => {
    if (!r) return <Withheld />;
    const v = r[f];
    if (v === null || v === undefined || v === '') {
      return (
        <Text span c="dimmed" size="sm">
          {t('app.notRecorded')}
        </Text>
      );
    }
    if (f === 'names') {
      return (
        <Stack gap={2}>
          {(v as NonNullable<ComparedRecord['names']>).map((n, i) => (
            <Text key={i} size="sm" lang={n.script === 'Latn' ? 'en' : n.script.slice(0, 2)}>
              {fullName(n)}{' '}
              <Text span size="xs" c="dimmed">
                ({t(`enums.script.${n.script}`)}
                {n.kind !== 'primary' ? `, ${t(`enums.nameKind.${n.kind}`)}` : ''})
              </Text>
            </Text>
          ))}
        </Stack>
      );
    }
    if (f === 'sex') return t(`enums.sex.${v as string}`);
    if (f === 'birthDate' || f === 'displacementDate') return formatPartialDate(v as string, lang);
    return v as string;
  };
  const recordLink = (r: ComparedRecord | null, title: string) =>
    r ? (
      <Link
        to={r.kind === 'request' ? paths.request(r.id) : paths.dossier(r.id)}
        target="_blank"
        rel="noopener"
      >
        {title}
      </Link>
    ) : (
      title
    );

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder withColumnBorders data-testid="comparison">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="18%">{t('match.field')}</Table.Th>
            <Table.Th w="37%">{recordLink(left, leftTitle)}</Table.Th>
            <Table.Th w="37%">{recordLink(right, rightTitle)}</Table.Th>
            <Table.Th w="8%">{t('match.agreement')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {comparedFields.map((f) => {
            const a = left && right ? agreement(f, left, right) : 'missing';
            return (
              <Table.Tr
                key={f}
                data-field={f}
                data-agreement={a}
                style={a === 'differs' ? { background: 'var(--mantine-color-orange-0)' } : undefined}
              >
                <Table.Th scope="row" fw={600}>
                  {t(labels[f])}
                </Table.Th>
                <Table.Td>{value(left, f)}</Table.Td>
                <Table.Td>{value(right, f)}</Table.Td>
                <Table.Td>
                  {a === 'differs' ? (
                    <Badge color="orange.9" variant="filled" tt="none">
                      {t('match.differs')}
                    </Badge>
                  ) : a === 'same' ? (
                    <Badge color="teal.9" variant="outline" tt="none">
                      {t('match.same')}
                    </Badge>
                  ) : (
                    <Text span size="xs" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
