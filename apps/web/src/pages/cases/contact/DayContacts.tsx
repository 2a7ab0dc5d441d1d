import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ContactOccurrence } from '../../../api/client.ts';
import { useCan } from '../../../auth/session.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { intlLocale } from '../../../i18n/resources.ts';
import { useLang } from '../../../i18n/useLang.ts';
import type { CalendarItem } from './calendar.ts';
import { stateBorder } from './calendar-style.ts';
import { recordable } from './contact.ts';

/** The contacts of one day: time, channel, state, and the way to record one that is due. */
export function DayContacts({
  items,
  planActive,
  onRecord,
}: {
  items: readonly CalendarItem[];
  planActive: boolean;
  onRecord: (o: ContactOccurrence) => void;
}) {
  const { t, lang } = useLang();
  const canWrite = useCan('contact.write');
  const time = new Intl.DateTimeFormat(intlLocale[lang], { hour: '2-digit', minute: '2-digit' });
  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((i) => (
        <Group
          key={i.id}
          component="li"
          gap="sm"
          wrap="nowrap"
          pl="xs"
          style={{ borderLeft: stateBorder(i.state) }}
          data-testid="calendar-item"
          data-state={i.state}
        >
          <Text size="sm" fw={600} w={52}>
            {time.format(new Date(i.dueAt))}
          </Text>
          <Text size="sm" style={{ flex: 1 }}>
            {t(`enums.contactChannel.${i.channel}`)}
          </Text>
          {i.state === 'planned' ? (
            <Badge variant="outline" color="gray.7" tt="none" title={t('calendar.plannedHint')}>
              {t('calendar.planned')}
            </Badge>
          ) : (
            <StatusBadge kind="contactState" status={i.state} />
          )}
          {i.occurrence && canWrite && i.state !== 'planned' && recordable(i.state, planActive) && (
            <Button size="xs" variant="outline" onClick={() => onRecord(i.occurrence!)}>
              {t('contact.record')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}
