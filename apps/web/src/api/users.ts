/**
 * User administration (issue 8) through the API: the calls, and the TanStack hooks the
 * administration page uses. Types come from @homeward/contracts, as the server validates them.
 */
import type {
  RoleChangeInput,
  UserActionInput,
  UserChange,
  UserCreateInput,
  UserListQuery,
  UserPage,
  UserView,
} from '@homeward/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from './client.ts';

export type UserFilters = Partial<Pick<UserListQuery, 'role' | 'status'>>;

const path = (id: string, rest = '') => `/users/${encodeURIComponent(id)}${rest}`;

export const usersApi = {
  list(query: UserFilters & { cursor?: string; limit?: number }): Promise<UserPage> {
    return api.request('GET', `/users${queryString(query)}`);
  },
  get(id: string): Promise<UserView> {
    return api.request('GET', path(id));
  },
  /** 201: the account (no role yet under the two-person rule) and the approval its roles wait for. */
  create(input: UserCreateInput): Promise<UserChange> {
    return api.request('POST', '/users', input);
  },
  rename(id: string, displayName: string): Promise<UserView> {
    return api.request('PATCH', path(id), { displayName });
  },
  /** 202 with `approval` while a second administrator must approve; 200 with `approval: null` when done. */
  grant(id: string, input: RoleChangeInput): Promise<UserChange> {
    return api.request('POST', path(id, '/roles/grant'), input);
  },
  revoke(id: string, input: RoleChangeInput): Promise<UserView> {
    return api.request('POST', path(id, '/roles/revoke'), input);
  },
  disable(id: string, input: UserActionInput = {}): Promise<UserView> {
    return api.request('POST', path(id, '/disable'), input);
  },
  enable(id: string, input: UserActionInput = {}): Promise<UserView> {
    return api.request('POST', path(id, '/enable'), input);
  },
  resetTwoFactor(id: string, input: UserActionInput = {}): Promise<UserChange> {
    return api.request('POST', path(id, '/2fa/reset'), input);
  },
};

export const usersKey = ['admin', 'users'] as const;

/**
 * The party's accounts, newest first, page by page. Read again whenever the tab is shown or the
 * window regains focus: another administrator may have approved or changed something meanwhile.
 */
export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: [...usersKey, filters],
    queryFn: ({ pageParam }) =>
      usersApi.list({ ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}

/** A change to an account; afterwards the lists of accounts and of approvals are read again. */
export function useUserMutation<A, R>(fn: (args: A) => Promise<R>, onSuccess?: (result: R) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      onSuccess?.(result);
      await qc.invalidateQueries({ queryKey: usersKey });
      await qc.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
}
