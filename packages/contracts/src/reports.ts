import { z } from 'zod';

// Aggregate statistics (docs/REPORTS.md defines each). Every count may be null: withheld by
// small-cell suppression (under 5 in reports shared between parties, under 10 in public).

const count = z.number().int().min(0).nullable();

/** A one-way list of counts with its total. Label `unknown` stands for a missing value. */
export const suppressedList = z.object({
  labels: z.array(z.string()),
  counts: z.array(count),
  total: count,
});
export type SuppressedListDto = z.infer<typeof suppressedList>;

/** A two-way table with row, column and grand totals. */
export const suppressedTable = z.object({
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.array(count)),
  rowTotals: z.array(count),
  columnTotals: z.array(count),
  total: count,
});
export type SuppressedTableDto = z.infer<typeof suppressedTable>;

/** Days between two events: median and 90th percentile, withheld with fewer observations than the threshold. */
export const durationStatistic = z.object({
  observations: count,
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
});

export const ageGroups = ['0-4', '5-9', '10-13', '14-17', '18+', 'unknown'] as const;

export const reportSummary = z.object({
  scope: z.enum(['party', 'public']),
  threshold: z.number().int(),
  from: z.string().describe('First day of the period (YYYY-MM-DD)'),
  to: z.string().describe('Day after the period (YYYY-MM-DD, exclusive)'),
  asOf: z.string().describe('The date ages and current statuses are taken at (YYYY-MM-DD)'),
  children: z.object({
    byStatus: suppressedList,
    byDisplacementKind: suppressedList,
    byRegion: suppressedList,
    byAgeGroup: suppressedList,
    byDisplacementMonth: suppressedList,
  }),
  casesByStatus: suppressedList,
  requests: z.object({ filed: suppressedList, matched: suppressedList, verified: suppressedList }),
  reunifications: suppressedList,
  durations: z.object({
    requestToMatch: durationStatistic,
    matchToReunion: durationStatistic,
    requestToReunion: durationStatistic,
  }),
  contactRegularity: suppressedTable,
});
export type ReportSummary = z.infer<typeof reportSummary>;

const isoDate = z.iso.date();

export const reportSummaryQuery = z
  .object({
    from: isoDate.describe('First day (YYYY-MM-DD); default: the first day of the month eleven months ago'),
    to: isoDate.describe('Day after the last (YYYY-MM-DD, exclusive); default: the first day of next month'),
  })
  .partial()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: '`from` must be before `to`', path: ['to'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, {
    message: 'the period is at most three years',
    path: ['to'],
  });

export const publicStatistics = z.object({
  statistics: reportSummary,
  checkpoint: z
    .object({
      origin: z.string(),
      size: z.number().int(),
      rootHash: z.string(),
      note: z.string().describe('The signed tree head (C2SP checkpoint note) with the cosignatures collected'),
      logKey: z.string(),
      witnessStatus: z.string(),
    })
    .nullable(),
});
export type PublicStatistics = z.infer<typeof publicStatistics>;
