import type { DossierSearch, RequestSearch } from '@homeward/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  api,
  type AttestationSubjectType,
  type AuditQuery,
  type MediaSubject,
  type AgeOutStatus,
  type CaseStatusCode,
  type CaseFilters,
  type MatchKind,
  type MatchStatus,
  type Page,
} from './client.ts';

export type DossierFilters = Omit<Partial<DossierSearch>, 'cursor' | 'limit'>;
export type RequestFilters = Omit<Partial<RequestSearch>, 'cursor' | 'limit'>;

/** Drops empty values so the server sees only the filters actually set. */
export function compact<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<T>;
}

const pageSize = 50;

export function useDossierSearch(filters: DossierFilters, enabled = true) {
  const body = compact(filters);
  return useInfiniteQuery({
    queryKey: ['dossiers', 'search', body],
    queryFn: ({ pageParam }) =>
      api.searchDossiers({ ...body, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDossier(id: string) {
  return useQuery({ queryKey: ['dossiers', 'one', id], queryFn: () => api.getDossier(id) });
}

export function useRequestSearch(filters: RequestFilters) {
  const body = compact(filters);
  return useInfiniteQuery({
    queryKey: ['requests', 'search', body],
    queryFn: ({ pageParam }) =>
      api.searchRequests({ ...body, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useTracingRequest(id: string) {
  return useQuery({ queryKey: ['requests', 'one', id], queryFn: () => api.getRequest(id) });
}

/**
 * Counts by walking the pages (the API has no count yet), up to `cap` records; the answer says
 * whether it reached the cap so the page can show "2000+".
 */
export async function countAll(fetchPage: (cursor: string | null) => Promise<Page<unknown>>, cap = 2000) {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: Page<unknown> = await fetchPage(cursor);
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && count < cap);
  return { count, capped: cursor !== null };
}

export function useDossierCount(filters: DossierFilters) {
  const body = compact(filters);
  return useQuery({
    queryKey: ['dossiers', 'count', body],
    queryFn: () =>
      countAll((cursor) => api.searchDossiers({ ...body, limit: 200, ...(cursor ? { cursor } : {}) })),
  });
}

export function useRequestCount(filters: RequestFilters) {
  const body = compact(filters);
  return useQuery({
    queryKey: ['requests', 'count', body],
    queryFn: () =>
      countAll((cursor) => api.searchRequests({ ...body, limit: 200, ...(cursor ? { cursor } : {}) })),
  });
}

export function useVerification(dossierId: string) {
  return useQuery({ queryKey: ['verification', dossierId], queryFn: () => api.getVerification(dossierId) });
}

export function useVerificationQueue() {
  return useQuery({ queryKey: ['verification', 'queue'], queryFn: () => api.verificationQueue(100) });
}

/** Verification status of a dossier or a case. */
export function useSubjectVerification(subjectType: AttestationSubjectType, id: string, enabled = true) {
  return useQuery({
    queryKey: ['verification', subjectType, id],
    queryFn: () => (subjectType === 'dossier' ? api.getVerification(id) : api.getCaseVerification(id)),
    enabled,
  });
}

export function useAttestations(subjectType: AttestationSubjectType, id: string, enabled = true) {
  return useQuery({
    queryKey: ['verification', 'attestations', subjectType, id],
    queryFn: () => api.listAttestations(subjectType, id),
    enabled,
  });
}

export function useVerificationPolicies(enabled = true) {
  return useQuery({
    queryKey: ['verification', 'policies'],
    queryFn: () => api.verificationPolicies(),
    staleTime: 60_000,
    enabled,
  });
}

export function useMedia(subject: MediaSubject, id: string, enabled = true) {
  return useQuery({ queryKey: ['media', subject, id], queryFn: () => api.listMedia(subject, id), enabled });
}

export function useLogCheckpoint() {
  return useQuery({ queryKey: ['log', 'checkpoint'], queryFn: () => api.logCheckpoint() });
}

export function useAudit(query: AuditQuery) {
  const q = compact(query);
  return useQuery({
    queryKey: ['audit', q],
    queryFn: () => api.audit(q),
    placeholderData: keepPreviousData,
  });
}

export function useReportSummary(enabled = true) {
  return useQuery({ queryKey: ['reports', 'summary'], queryFn: () => api.reportSummary(), enabled });
}

export function useTokens() {
  return useQuery({ queryKey: ['admin', 'tokens'], queryFn: () => api.listTokens() });
}

export function useWebhooks() {
  return useQuery({ queryKey: ['admin', 'webhooks'], queryFn: () => api.listWebhooks() });
}

export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: ['admin', 'webhooks', id, 'deliveries'],
    queryFn: () => api.webhookDeliveries(id),
  });
}

export function useSecurityAlerts() {
  return useInfiniteQuery({
    queryKey: ['admin', 'alerts'],
    queryFn: ({ pageParam }) =>
      api.securityAlerts({ limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMatchQueue(filters: { status: MatchStatus; kind?: MatchKind | undefined }) {
  const query = compact(filters);
  return useQuery({
    queryKey: ['matches', 'list', query],
    queryFn: () => api.listMatches({ ...query, limit: 200 }),
    placeholderData: keepPreviousData,
  });
}

export function useMatch(id: string) {
  return useQuery({ queryKey: ['matches', 'one', id], queryFn: () => api.getMatch(id) });
}

/**
 * The open proposals of one request. The API answers them by running matching for the request
 * (idempotent: a pair already proposed is not proposed again), so this is not refetched on focus.
 */
export function useRequestMatches(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['matches', 'request', requestId],
    queryFn: () => api.matchRequest(requestId),
    enabled,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useCaseList(filters: CaseFilters, enabled = true) {
  const query = compact(filters);
  return useInfiniteQuery({
    queryKey: ['cases', 'list', query],
    queryFn: ({ pageParam }) =>
      api.listCases({ ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: ['cases', 'one', id], queryFn: () => api.getCase(id) });
}

export function useCaseContact(caseId: string) {
  return useQuery({ queryKey: ['cases', 'contact', caseId], queryFn: () => api.getCaseContact(caseId) });
}

export function useCaseMessages(caseId: string) {
  return useQuery({ queryKey: ['cases', 'messages', caseId], queryFn: () => api.listMessages(caseId) });
}

export function useReunification(caseId: string) {
  return useQuery({
    queryKey: ['cases', 'reunification', caseId],
    queryFn: () => api.getReunification(caseId),
  });
}

export function useContactReport(query: { from?: string | undefined; to?: string | undefined }) {
  const q = compact(query);
  return useQuery({
    queryKey: ['reports', 'contact', q],
    queryFn: () => api.contactRegularity(q),
    placeholderData: keepPreviousData,
  });
}

export function useAgeOutQueue(filters: {
  status?: AgeOutStatus | undefined;
  dueWithinDays?: number | undefined;
}) {
  const query = compact(filters);
  return useInfiniteQuery({
    queryKey: ['age-out', 'list', query],
    queryFn: ({ pageParam }) =>
      api.listAgeOut({ ...query, limit: 200, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useAgeOutEntry(id: string) {
  return useQuery({ queryKey: ['age-out', 'one', id], queryFn: () => api.getAgeOut(id) });
}

/** Pending approvals the reader may give (two-person rule). */
export function useApprovals(enabled: boolean) {
  return useQuery({ queryKey: ['approvals', 'pending'], queryFn: () => api.listApprovals(50), enabled });
}

/** The age-out queue's summary only (one entry fetched for it). */
export function useAgeOutSummary(enabled: boolean) {
  return useQuery({
    queryKey: ['age-out', 'summary'],
    queryFn: async () => (await api.listAgeOut({ limit: 1 })).summary,
    enabled,
  });
}

/**
 * Overdue contacts and messages waiting for review, derived case by case: the API has no
 * endpoint for either across cases. Reads at most `cap` cases in contact (the answer says whether
 * there were more), each case's contact and/or messages.
 */
export function useCasework(
  flags: { contacts: boolean; messages: boolean },
  statuses: readonly CaseStatusCode[],
  cap = 50,
) {
  return useQuery({
    queryKey: ['cases', 'casework', flags],
    enabled: flags.contacts || flags.messages,
    queryFn: async () => {
      const page = await api.listCases({ status: [...statuses], limit: cap });
      const work = await Promise.all(
        page.items.map(async (c) => {
          const [contact, messages] = await Promise.all([
            flags.contacts ? api.getCaseContact(c.id).catch(() => null) : null,
            flags.messages ? api.listMessages(c.id).catch(() => null) : null,
          ]);
          return {
            caseId: c.id,
            overdueContacts: contact?.regularity.overdue ?? 0,
            messages: messages?.items ?? [],
          };
        }),
      );
      return { work, capped: page.nextCursor !== null };
    },
  });
}

/** How often the header asks for the unread count (the notification bell). */
export const unreadPollMs = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.unreadNotifications(),
    refetchInterval: unreadPollMs,
  });
}

export function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list', { unreadOnly }],
    queryFn: ({ pageParam }) =>
      api.listNotifications({
        unread: unreadOnly,
        limit: pageSize,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
