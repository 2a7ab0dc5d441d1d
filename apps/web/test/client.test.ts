import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from '../src/api/client.ts';

type Call = { url: string; init: RequestInit };

function fakeFetch(responses: Array<{ status: number; body?: unknown }>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    const r = responses.shift() ?? { status: 200, body: {} };
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, fetch };
}

const session = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@b.org',
    displayName: 'A',
    roles: ['caseworker'],
  },
  party: { id: '00000000-0000-4000-8000-000000000002', code: 'UA', name: 'P', kind: 'mediator' },
  csrfToken: 'tok-123',
  twoFactor: 'not-required',
};
const headers = (c: Call) => c.init.headers as Record<string, string>;

describe('ApiClient', () => {
  it('keeps the CSRF token from login and sends it on every non-GET request only', async () => {
    const { calls, fetch } = fakeFetch([
      { status: 200, body: session },
      { status: 200, body: { items: [], nextCursor: null } },
      { status: 200, body: {} },
    ]);
    const api = new ApiClient({ fetch });
    await api.login('a@b.org', 'pw');
    await api.searchDossiers({ name: 'Олександр' });
    await api.getDossier('00000000-0000-4000-8000-000000000003');
    expect(headers(calls[1]!)['x-csrf-token']).toBe('tok-123');
    expect(headers(calls[2]!)['x-csrf-token']).toBeUndefined();
  });

  it('puts searched names in the POST body, never in the URL', async () => {
    const { calls, fetch } = fakeFetch([{ status: 200, body: { items: [], nextCursor: null } }]);
    await new ApiClient({ fetch }).searchDossiers({ name: 'Aleksandr', birthYear: 2015 });
    expect(calls[0]!.url).toBe('/api/v1/dossiers/search');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ name: 'Aleksandr', birthYear: 2015 });
  });

  it('sends the second factor with the password', async () => {
    const { calls, fetch } = fakeFetch([{ status: 200, body: session }]);
    await new ApiClient({ fetch }).login('a@b.org', 'pw', { totp: '123456' });
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      email: 'a@b.org',
      password: 'pw',
      totp: '123456',
    });
  });

  it('turns error answers into ApiError with code and issues', async () => {
    const issues = [{ path: 'body.sought.birthDate', message: 'is in the future' }];
    const { fetch } = fakeFetch([
      { status: 400, body: { code: 'VALIDATION_FAILED', message: 'The input is not valid.', issues } },
    ]);
    const err = await new ApiClient({ fetch }).createRequest({} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', issues });
  });

  it('reports a 401 outside login so the app can ask to sign in again', async () => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch([
      { status: 401, body: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } },
      { status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'x' } },
    ]);
    const api = new ApiClient({ fetch, onUnauthenticated });
    await expect(api.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(api.login('a@b.org', 'bad')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('reports a required two-factor set-up', async () => {
    const onEnrolmentRequired = vi.fn();
    const { fetch } = fakeFetch([
      { status: 403, body: { code: 'TWO_FACTOR_ENROLMENT_REQUIRED', message: 'x' } },
    ]);
    const api = new ApiClient({ fetch });
    api.onEnrolmentRequired = onEnrolmentRequired;
    await expect(api.searchRequests({})).rejects.toMatchObject({ code: 'TWO_FACTOR_ENROLMENT_REQUIRED' });
    expect(onEnrolmentRequired).toHaveBeenCalledOnce();
  });

  it('names network failures and non-JSON server errors', async () => {
    const down = new ApiClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.me()).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    const proxy = new ApiClient({
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });
    await expect(proxy.me()).rejects.toMatchObject({ code: 'SERVER_ERROR', status: 502 });
  });

  it('forgets the CSRF token on logout even when the call fails', async () => {
    const { fetch } = fakeFetch([
      { status: 200, body: session },
      { status: 500, body: { code: 'INTERNAL', message: 'x' } },
    ]);
    const api = new ApiClient({ fetch });
    await api.login('a@b.org', 'pw');
    await expect(api.logout()).rejects.toBeInstanceOf(ApiError);
    expect(api.hasCsrfToken).toBe(false);
  });
});
