import { Group, Text } from '@mantine/core';
import { percent } from '../pages/matches/waterfall.ts';

/** A probability as a percentage with a bar (the number is what screen readers get). */
export function ScoreBar({ score, width = 120 }: { score: number; width?: number }) {
  const pct = percent(score);
  const color =
    score >= 0.9
      ? 'var(--mantine-color-teal-8)'
      : score >= 0.5
        ? 'var(--mantine-color-blue-7)'
        : 'var(--mantine-color-orange-8)';
  return (
    <Group gap="xs" wrap="nowrap" data-testid="score">
      <div
        aria-hidden="true"
        style={{
          width,
          height: 8,
          borderRadius: 4,
          background: 'var(--mantine-color-gray-2)',
          overflow: 'hidden',
        }}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: color }} />
      </div>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', minWidth: '3.5ch' }}>
        {pct}%
      </Text>
    </Group>
  );
}
