import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { CaseContact } from '../../../api/client.ts';
import { formatDateTime, formatNumber } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { percentOf } from './contact.ts';

/** How regular contact has been: the share held on time, and the counts behind it. */
export function Regularity({ contact }: { contact: CaseContact }) {
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
