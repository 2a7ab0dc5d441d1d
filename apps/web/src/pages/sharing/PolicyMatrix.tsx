import { Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { expandDataPoints, type SharingPolicyDocument } from '@homeward/contracts';
import { Fragment } from 'react';
import { useLang } from '../../i18n/useLang.ts';
import { policyMatrix, type MatrixColumn } from './sharing.ts';

/** A party selector in words: every party, a kind of party, or a party's code. */
export function useSelectorLabel() {
  const { t } = useLang();
  return (selector: string) =>
    selector === '*'
      ? t('sharing.everyParty')
      : /^[a-z]/.test(selector)
        ? t(`enums.partyKind.${selector}`, { defaultValue: selector })
        : selector;
}

/** The policy as a table: data point × (whose records → to whom), each cell the purposes and their legal basis. */
export function PolicyMatrix({ document }: { document: SharingPolicyDocument }) {
  const { t } = useLang();
  const selector = useSelectorLabel();
  const { columns, rows } = policyMatrix(document);
  const head = (c: MatrixColumn) => (
    <>
      <Text size="sm" fw={600}>
        {t('sharing.sentTo', { to: selector(c.to) })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('sharing.recordsOf', { from: selector(c.from) })}
      </Text>
    </>
  );
  const groups = [
    { key: 'dossier', label: t('sharing.dossiers') },
    { key: 'request', label: t('sharing.requests') },
  ];
  return (
    <Stack gap="xs" component="section" aria-labelledby="matrix-title">
      <Title order={2} size="h4" id="matrix-title">
        {t('sharing.matrix')}
      </Title>
      <Text size="sm" c="dimmed" maw="75ch">
        {t('sharing.matrixIntro')}
      </Text>
      <Table.ScrollContainer minWidth={320 + columns.length * 200}>
        <Table withTableBorder withColumnBorders data-testid="policy-matrix" aria-labelledby="matrix-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sharing.colDataPoint')}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={`${c.from}>${c.to}`} scope="col" data-column={`${c.from}>${c.to}`}>
                  {head(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <Fragment key={g.key}>
                <Table.Tr bg="gray.0">
                  <Table.Th scope="colgroup" colSpan={columns.length + 1}>
                    {g.label}
                  </Table.Th>
                </Table.Tr>
                {rows
                  .filter((r) => r.dataPoint.startsWith(`${g.key}.`))
                  .map((r) => (
                    <Table.Tr
                      key={r.dataPoint}
                      data-point={r.dataPoint}
                      data-restricted={r.restricted || undefined}
                    >
                      <Table.Th scope="row" fw={400}>
                        {t(`sharing.dataPoint.${r.dataPoint}`)}
                      </Table.Th>
                      {r.restricted ? (
                        <Table.Td colSpan={Math.max(columns.length, 1)}>
                          <Text size="sm" fw={600} c="red.9">
                            {t('sharing.restricted')}
                          </Text>
                        </Table.Td>
                      ) : (
                        r.cells.map((grants, i) => (
                          <Table.Td key={i} data-shared={grants.length > 0}>
                            {grants.length === 0 ? (
                              <>
                                <span aria-hidden>—</span>
                                <VisuallyHidden>{t('sharing.notShared')}</VisuallyHidden>
                              </>
                            ) : (
                              grants.map((g) => (
                                <Text key={`${g.purpose}:${g.legalBasis}`} size="sm">
                                  {t(`sharing.purpose.${g.purpose}`)}{' '}
                                  <Text span size="xs" c="dimmed">
                                    — {t(`sharing.basis.${g.legalBasis}`)}
                                  </Text>
                                </Text>
                              ))
                            )}
                          </Table.Td>
                        ))
                      )}
                    </Table.Tr>
                  ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RequestDefaults document={document} />
    </Stack>
  );
}

function RequestDefaults({ document }: { document: SharingPolicyDocument }) {
  const { t } = useLang();
  const selector = useSelectorLabel();
  return (
    <div>
      <Title order={3} size="h5" mt="sm" mb={4}>
        {t('sharing.requestDefaults')}
      </Title>
      {document.requestDefaults.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sharing.requestDefaultsNone')}
        </Text>
      ) : (
        <Stack gap={2} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
          {document.requestDefaults.map((d) => (
            <Text key={d.to} component="li" size="sm">
              {selector(d.to)}:{' '}
              {expandDataPoints(d.dataPoints)
                .map((p) => t(`sharing.dataPoint.${p}`))
                .join(', ') || t('sharing.preview.nothing')}
            </Text>
          ))}
        </Stack>
      )}
    </div>
  );
}
