import type { CalendarState } from './calendar.ts';

/** One colour per state, always with its word beside it (never colour alone). Dark shades: 4.5:1 on white. */
export const stateColor: Record<CalendarState, string> = {
  overdue: 'var(--mantine-color-red-9)',
  due: 'var(--mantine-color-blue-8)',
  upcoming: 'var(--mantine-color-gray-7)',
  planned: 'var(--mantine-color-gray-7)',
  held: 'var(--mantine-color-teal-9)',
  missed: 'var(--mantine-color-orange-9)',
  cancelled: 'var(--mantine-color-gray-7)',
};

/** Planned (projected) contacts are drawn dashed: not scheduled yet, only expected. */
export const stateBorder = (s: CalendarState) =>
  `3px ${s === 'planned' ? 'dashed' : 'solid'} ${stateColor[s]}`;
