import { Text, UnstyledButton } from '@mantine/core';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { intlLocale } from '../../../i18n/resources.ts';
import { useLang } from '../../../i18n/useLang.ts';
import {
  dayState,
  gridKeys,
  mondayWeek,
  monthGrid,
  moveDay,
  type CalendarItem,
  type GridKey,
} from './calendar.ts';
import { stateBorder, stateColor } from './calendar-style.ts';

const shown = 3;

/**
 * The month as a WAI-ARIA date grid: one tab stop (the focused day), arrows move by day and
 * week, Home/End to the week's ends, Page Up/Down by month; Enter or Space opens the day. Each
 * day's button says its date and its contacts in words.
 */
export function CalendarGrid({
  month,
  labelId,
  byDay,
  today,
  focus,
  selected,
  onMove,
  onSelect,
}: {
  month: string;
  labelId: string;
  byDay: ReadonlyMap<string, CalendarItem[]>;
  today: string;
  focus: string;
  selected: string | null;
  onMove: (key: string) => void;
  onSelect: (key: string) => void;
}) {
  const { t, lang } = useLang();
  const locale = intlLocale[lang];
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    buttons.current.get(focus)?.focus();
  }, [focus, month]);

  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const stateWord = (i: CalendarItem) =>
    i.state === 'planned' ? t('calendar.planned') : t(`enums.contactState.${i.state}`);
  const describe = (key: string, items: readonly CalendarItem[] | undefined) => {
    const date = fullDate.format(new Date(`${key}T12:00:00Z`));
    if (!items?.length) return `${date}: ${t('calendar.noContacts')}`;
    const list = items
      .map(
        (i) => `${time.format(new Date(i.dueAt))} ${t(`enums.contactChannel.${i.channel}`)}, ${stateWord(i)}`,
      )
      .join('; ');
    return `${date}: ${list}`;
  };

  function onKeyDown(e: KeyboardEvent) {
    if (!gridKeys.includes(e.key)) return;
    e.preventDefault();
    moved.current = true;
    onMove(moveDay(focus, e.key as GridKey));
  }

  return (
    <table
      role="grid"
      aria-labelledby={labelId}
      onKeyDown={onKeyDown}
      data-testid="calendar-grid"
      style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}
    >
      <thead>
        <tr>
          {mondayWeek.map((d) => (
            <th key={d.toISOString()} scope="col" abbr={weekdayLong.format(d)} style={{ padding: 4 }}>
              <Text size="xs" c="dimmed" fw={600}>
                {weekday.format(d)}
              </Text>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthGrid(month).map((week) => (
          <tr key={week[0]!.key}>
            {week.map((d) => {
              const items = byDay.get(d.key);
              const state = dayState(items);
              const isSelected = selected === d.key;
              return (
                <td
                  key={d.key}
                  role="gridcell"
                  aria-selected={isSelected}
                  data-day={d.key}
                  data-state={state ?? ''}
                  style={{
                    border: '1px solid var(--mantine-color-gray-3)',
                    verticalAlign: 'top',
                    padding: 0,
                    background: isSelected
                      ? 'var(--mantine-color-blue-0)'
                      : d.inMonth
                        ? undefined
                        : 'var(--mantine-color-gray-0)',
                  }}
                >
                  <UnstyledButton
                    ref={(el: HTMLButtonElement | null) => {
                      if (el) buttons.current.set(d.key, el);
                      else buttons.current.delete(d.key);
                    }}
                    tabIndex={d.key === focus ? 0 : -1}
                    aria-label={describe(d.key, items)}
                    aria-current={d.key === today ? 'date' : undefined}
                    onClick={() => onSelect(d.key)}
                    onFocus={() => d.key !== focus && onMove(d.key)}
                    w="100%"
                    p={4}
                    style={{ minHeight: 84, display: 'block' }}
                  >
                    <Text
                      size="sm"
                      fw={d.key === today ? 700 : 400}
                      c={d.inMonth ? undefined : 'dimmed'}
                      td={d.key === today ? 'underline' : undefined}
                      aria-hidden
                    >
                      {d.day}
                    </Text>
                    {items?.slice(0, shown).map((i) => (
                      <Text
                        key={i.id}
                        size="xs"
                        lh={1.3}
                        pl={4}
                        mt={2}
                        truncate
                        aria-hidden
                        style={{ borderLeft: stateBorder(i.state), color: stateColor[i.state] }}
                      >
                        {time.format(new Date(i.dueAt))} {stateWord(i)}
                      </Text>
                    ))}
                    {items && items.length > shown && (
                      <Text size="xs" c="dimmed" aria-hidden>
                        +{items.length - shown}
                      </Text>
                    )}
                  </UnstyledButton>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
