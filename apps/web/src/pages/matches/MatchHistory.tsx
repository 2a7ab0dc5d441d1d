import { Text, Timeline } from '@mantine/core';
import type { MatchComparison } from '../../api/client.ts';
import { Actor } from '../../components/Actor.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';

export function MatchHistory({ history }: { history: MatchComparison['history'] }) {
  const { t, lang } = useLang();
  if (history.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2} data-testid="match-history">
      {history.map((h, i) => (
        <Timeline.Item key={i} title={t(`enums.matchStatus.${h.status}`)}>
          <Text size="xs" c="dimmed">
            {formatDateTime(h.at, lang)} · <Actor userId={h.actorUserId} />
          </Text>
          {h.reason && (
            <Text size="sm" className="pre-wrap">
              {h.reason}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
