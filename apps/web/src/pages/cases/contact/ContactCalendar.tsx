import { ActionIcon, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import type { CaseContact, ContactOccurrence } from '../../../api/client.ts';
import { intlLocale } from '../../../i18n/resources.ts';
import { useLang } from '../../../i18n/useLang.ts';
import {
  addMonths,
  agenda,
  calendarItems,
  groupByDay,
  localDayKey,
  monthEnd,
  monthOf,
  type CalendarState,
} from './calendar.ts';
import { stateBorder } from './calendar-style.ts';
import { CalendarGrid } from './CalendarGrid.tsx';
import { DayContacts } from './DayContacts.tsx';

const legend: CalendarState[] = ['overdue', 'due', 'upcoming', 'planned', 'held', 'missed', 'cancelled'];

/**
 * The case's contacts by month, in the reader's calendar and language: a month grid on wide
 * screens, an agenda of the month's days with contacts on narrow ones. Selecting a day lists
 * its contacts, with the way to record one that is due.
 */
export function ContactCalendar({
  contact,
  suspended,
  onRecord,
}: {
  contact: CaseContact;
  suspended: boolean;
  onRecord: (o: ContactOccurrence) => void;
}) {
  const { t, lang } = useLang();
  const locale = intlLocale[lang];
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const today = localDayKey(new Date());
  const [month, setMonth] = useState(monthOf(today));
  const [focus, setFocus] = useState(today);
  const [selected, setSelected] = useState<string | null>(null);
  const byDay = useMemo(
    () => groupByDay(calendarItems(contact, { now: new Date(), until: monthEnd(month), suspended })),
    [contact, month, suspended],
  );
  const planActive = contact.plan?.status === 'active';
  const monthLabel = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
  const dayLabel = (key: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
      new Date(`${key}T12:00:00Z`),
    );
  const goMonth = (m: string) => {
    setMonth(m);
    setFocus(monthOf(today) === m ? today : `${m}-01`);
  };
  const move = (key: string) => {
    setFocus(key);
    if (monthOf(key) !== month) setMonth(monthOf(key));
  };
  const days = agenda(byDay, month);
  const selectedItems = selected ? (byDay.get(selected) ?? []) : [];

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="calendar-title"
      data-testid="contact-calendar"
    >
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="calendar-title">
          {t('calendar.title')}
        </Title>
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="default"
            aria-label={t('calendar.previousMonth')}
            onClick={() => goMonth(addMonths(month, -1))}
          >
            ‹
          </ActionIcon>
          <Text
            fw={600}
            id="calendar-month"
            aria-live="polite"
            miw={150}
            ta="center"
            data-testid="calendar-month"
          >
            {monthLabel}
          </Text>
          <ActionIcon
            variant="default"
            aria-label={t('calendar.nextMonth')}
            onClick={() => goMonth(addMonths(month, 1))}
          >
            ›
          </ActionIcon>
          <Button size="xs" variant="default" onClick={() => goMonth(monthOf(today))}>
            {t('calendar.today')}
          </Button>
        </Group>
      </Group>
      <Group
        gap="md"
        mb="sm"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={t('calendar.legend')}
      >
        {legend.map((s) => (
          <Text key={s} component="li" size="xs" pl={6} style={{ borderLeft: stateBorder(s) }}>
            {s === 'planned' ? t('calendar.planned') : t(`enums.contactState.${s}`)}
          </Text>
        ))}
      </Group>
      {suspended && (
        <Text size="sm" c="red.9" fw={600} mb="sm">
          {t('calendar.suspendedNote')}
        </Text>
      )}
      {wide ? (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('calendar.keyboardHint')}
          </Text>
          <CalendarGrid
            month={month}
            labelId="calendar-month"
            byDay={byDay}
            today={today}
            focus={focus}
            selected={selected}
            onMove={move}
            onSelect={setSelected}
          />
          {selected && (
            <section aria-labelledby="calendar-day-title" data-testid="calendar-day">
              <Title order={3} size="h5" id="calendar-day-title" mb="xs">
                {dayLabel(selected)}
              </Title>
              {selectedItems.length ? (
                <DayContacts items={selectedItems} planActive={planActive} onRecord={onRecord} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('calendar.noContacts')}
                </Text>
              )}
            </section>
          )}
        </Stack>
      ) : (
        <Stack gap="md" data-testid="calendar-agenda">
          {days.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('calendar.noContactsMonth')}
            </Text>
          )}
          {days.map(([key, items]) => (
            <section key={key} aria-label={dayLabel(key)} data-day={key}>
              <Text size="sm" fw={600} mb={4} aria-current={key === today ? 'date' : undefined}>
                {dayLabel(key)}
              </Text>
              <DayContacts items={items} planActive={planActive} onRecord={onRecord} />
            </section>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
