import { Table, Text } from '@mantine/core';
import type { MatchEvidence } from '../../api/client.ts';
import { useLang } from '../../i18n/useLang.ts';
import { levelKey, percent, waterfall } from './waterfall.ts';

const bits = (n: number, lang: string) =>
  `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toLocaleString(lang, { maximumFractionDigits: 2 })}`;

/** The engine's reasoning: each field's comparison level and weight, as a waterfall to the total. */
export function EvidenceWaterfall({ evidence }: { evidence: MatchEvidence[] }) {
  const { t, lang } = useLang();
  const w = waterfall(evidence);
  const level = (e: MatchEvidence) => {
    const k = levelKey(e.field, e.level);
    if (!k) return e.level;
    return k.capped ? `${t(k.key)} (${t('match.capped')})` : t(k.key);
  };
  const fieldName = (f: string) => t(`enums.matchField.${f}`, { defaultValue: f });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="waterfall" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('match.colField')}</Table.Th>
            <Table.Th>{t('match.colLevel')}</Table.Th>
            <Table.Th ta="right">{t('match.colWeight')}</Table.Th>
            <Table.Th w="35%">{t('match.colEffect')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {w.lines.map((l, i) => (
            <Table.Tr key={`${l.field}-${i}`} data-testid="evidence-line" data-field={l.field}>
              <Table.Td fw={600}>{fieldName(l.field)}</Table.Td>
              <Table.Td>
                <Text size="sm">{level(l)}</Text>
                {l.values && (
                  <Text size="xs" c="dimmed">
                    {l.values[0] || '—'} ↔ {l.values[1] || '—'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {bits(l.weight, lang)}
              </Table.Td>
              <Table.Td>
                <Bar left={l.left} width={l.width} zero={w.zero} positive={l.weight >= 0} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2}>{t('match.total')}</Table.Th>
            <Table.Th ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {bits(w.total, lang)}
            </Table.Th>
            <Table.Th data-testid="final-probability">
              {t('match.finalProbability', { pct: percent(w.probability) })}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function Bar({
  left,
  width,
  zero,
  positive,
}: {
  left: number;
  width: number;
  zero: number;
  positive: boolean;
}) {
  return (
    <div
      aria-hidden="true"
      style={{ position: 'relative', height: 14, background: 'var(--mantine-color-gray-1)' }}
    >
      <div
        style={{
          position: 'absolute',
          left: `${zero}%`,
          top: -2,
          bottom: -2,
          width: 1,
          background: 'var(--mantine-color-gray-6)',
        }}
      />
      <div
        style={{
          position: 'absolute',
          left: `${left}%`,
          width: `max(${width}%, 2px)`,
          top: 2,
          bottom: 2,
          background: positive ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-red-7)',
        }}
      />
    </div>
  );
}
