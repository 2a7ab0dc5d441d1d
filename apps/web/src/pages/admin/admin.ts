/** Pure helpers of the administration page. */
import type { ApiToken } from '../../api/client.ts';

export const tokenStates = ['active', 'revoked', 'expired'] as const;
export type TokenState = (typeof tokenStates)[number];

/** Revoked wins over expired; a token past its expiry is expired even if nobody revoked it. */
export function tokenState(t: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): TokenState {
  if (t.revokedAt) return 'revoked';
  if (new Date(t.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}
