/** Sharing policy calls: the policy versions, a version's log entries, the parties, and a request's disclosure preview. */
import type { disclosurePreview, logEntries, sharingPolicyList } from '@homeward/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, queryString } from './client.ts';

export type SharingPolicyList = z.infer<typeof sharingPolicyList>;
export type SharingPolicy = NonNullable<SharingPolicyList['active']>;
export type DisclosurePreview = z.infer<typeof disclosurePreview>;
export type LogEntries = z.infer<typeof logEntries>;
export type SharingParty = { id: string; code: string; name: string; kind: string };

export function useSharingPolicies() {
  return useQuery({
    queryKey: ['sharing', 'policies'],
    queryFn: () => api.request<SharingPolicyList>('GET', '/sharing-policies'),
  });
}

/** A version's entries in the transparency log; none for the built-in policy (it is never proposed). */
export function usePolicyLog(version: string | null) {
  return useQuery({
    queryKey: ['sharing', 'log', version],
    queryFn: () => api.request<LogEntries>('GET', `/sharing-policies/${encodeURIComponent(version!)}/log`),
    enabled: version !== null,
  });
}

export function useSharingParties() {
  return useQuery({
    queryKey: ['sharing', 'parties'],
    queryFn: () => api.request<{ items: SharingParty[] }>('GET', '/sharing/parties'),
    staleTime: 5 * 60_000,
  });
}

/** The request exactly as each of these parties would read it (for the filing party only). */
export function useDisclosurePreviews(requestId: string, partyCodes: readonly string[]) {
  return useQueries({
    queries: partyCodes.map((party) => ({
      queryKey: ['requests', 'disclosure-preview', requestId, party],
      queryFn: () =>
        api.request<DisclosurePreview>(
          'GET',
          `/requests/${encodeURIComponent(requestId)}/disclosure-preview${queryString({ party })}`,
        ),
    })),
  });
}
