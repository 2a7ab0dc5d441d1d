/** Two-person rule calls that client.ts does not make: the approvals the reader asked for themselves. */
import { useQuery } from '@tanstack/react-query';
import { api, queryString, type Approval } from './client.ts';

/** The reader's own approvals still waiting for a second person (the first person may withdraw one). */
export function listMyApprovals(limit = 50): Promise<{ items: Approval[] }> {
  return api.request('GET', `/approvals/mine${queryString({ limit })}`);
}

/** Under the approvals key, so that answering any approval refreshes this list too. */
export function useMyApprovals(enabled: boolean) {
  return useQuery({ queryKey: ['approvals', 'mine'], queryFn: () => listMyApprovals(), enabled });
}
