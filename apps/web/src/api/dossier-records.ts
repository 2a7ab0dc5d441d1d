import type { DossierHistory, MatchProposal, TracingCase } from '@homeward/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, queryString, type Page } from './client.ts';

// What the dossier page shows about a dossier beyond its own fields: its matches, its cases and
// its history (ids, statuses and field names only).

export function useDossierMatches(dossierId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['matches', 'record', dossierId],
    queryFn: () => api.request<{ items: MatchProposal[] }>('GET', `/matches${queryString({ status: 'any', recordId: dossierId, limit: 200 })}`),
    enabled,
  });
}

export function useDossierCases(dossierId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'dossier', dossierId],
    queryFn: () => api.request<Page<TracingCase>>('GET', `/cases${queryString({ dossierId, limit: 50 })}`),
    enabled,
  });
}

export function useDossierHistory(dossierId: string) {
  return useQuery({
    queryKey: ['dossiers', 'history', dossierId],
    queryFn: () => api.request<DossierHistory>('GET', `/dossiers/${encodeURIComponent(dossierId)}/history?limit=100`),
  });
}
