import type { MatchEvidence } from '../../api/client.ts';

export type WaterfallLine = MatchEvidence & {
  /** Running total in bits before and after this line. */
  from: number;
  to: number;
  /** Where the bar starts and how wide it is, in percent of the chart's width. */
  left: number;
  width: number;
};

export type Waterfall = {
  lines: WaterfallLine[];
  /** Total match weight in bits (the prior included). */
  total: number;
  /** The probability the total stands for: 1 / (1 + 2^-total). */
  probability: number;
  /** Where zero bits sits on the chart, in percent of its width. */
  zero: number;
};

/**
 * Lays the evidence out as a waterfall: each line's bar runs from the running total before it to
 * the total after it, on one scale from the lowest to the highest running total (zero included),
 * so a reader sees the prior pull down and each agreeing field push up.
 *
 * @example waterfall([{ field: 'prior', level: '…', weight: -8 }, { field: 'sex', level: '…', weight: 2 }])
 *   // lines[0]: from 0 to -8, lines[1]: from -8 to -6; total -6; probability ≈ 0.015
 */
export function waterfall(evidence: readonly MatchEvidence[]): Waterfall {
  let running = 0;
  const spans = evidence.map((e) => {
    const from = running;
    running += e.weight;
    return { e, from, to: running };
  });
  const lo = Math.min(0, ...spans.map((s) => s.to));
  const hi = Math.max(0, ...spans.map((s) => s.to));
  const range = hi - lo || 1;
  const pct = (bits: number) => ((bits - lo) / range) * 100;
  const lines = spans.map(({ e, from, to }) => ({
    ...e,
    from,
    to,
    left: pct(Math.min(from, to)),
    width: (Math.abs(to - from) / range) * 100,
  }));
  const total = Math.round(running * 100) / 100;
  return { lines, total, probability: 1 / (1 + 2 ** -total), zero: pct(0) };
}

/**
 * A probability as a whole percentage, never 100 or 0: the engine estimates, it is never certain
 * (a score stored as 1 is 0.99995 or more, rounded), and a faint match is still not nothing.
 */
export function percent(p: number): number {
  if (p <= 0) return 0;
  return Math.min(99, Math.max(1, Math.round(p * 100)));
}

const fieldLevels: Record<string, readonly string[]> = {
  given_name: [
    'same name',
    'Russian/Ukrainian form or diminutive of the same name',
    'similar spelling',
    'different name',
  ],
  family_name: [
    'same surname',
    'similar spelling (typo)',
    'former surname listed among other names',
    'different surname',
  ],
  patronymic: ["same father's name", "similar father's name", "different father's name"],
  birth_date: [
    'same date',
    'a few days apart',
    'day and month swapped',
    'same day and month, year off by one',
    'agrees at the precision given',
    'same year, other day or month',
    'within two years',
    'different date',
  ],
  sex: ['same sex', 'different sex'],
  place: ['same birthplace', 'birthplace is the last known place', 'same region', 'different place'],
};

const cappedNote = ' (counts only a little: often changed in holding-country records)';

/**
 * The translation of a level the matching engine wrote in English: `key` for the known wording
 * (`match.level.<field>.<n>`, `match.level.missing`, `match.level.prior`), with `capped` when the
 * engine added that the field counts only a little; null when the wording is new to this version,
 * so the page shows the server's words.
 */
export function levelKey(field: string, level: string): { key: string; capped: boolean } | null {
  const capped = level.endsWith(cappedNote);
  const plain = capped ? level.slice(0, -cappedNote.length) : level;
  if (field === 'prior') return { key: 'match.level.prior', capped };
  if (plain === 'missing on one side') return { key: 'match.level.missing', capped };
  const n = fieldLevels[field]?.indexOf(plain) ?? -1;
  return n >= 0 ? { key: `match.level.${field}.l${n}`, capped } : null;
}

/** Every level key levelKey can answer, for the translation test. */
export const allLevelKeys = [
  'match.level.prior',
  'match.level.missing',
  ...Object.entries(fieldLevels).flatMap(([f, ls]) => ls.map((_, n) => `match.level.${f}.l${n}`)),
];
