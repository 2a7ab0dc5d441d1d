import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** The party's aggregate statistics for a period (default: the last twelve months), suppressed. */
export function useReportSummaryFor(period: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ['reports', 'summary', period],
    queryFn: () => api.reportSummary(period ?? {}),
    placeholderData: keepPreviousData,
  });
}
