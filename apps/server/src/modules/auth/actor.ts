import type { Role } from '@homeward/contracts';

/** Who is acting: a signed-in user, or the system itself (CLI, jobs, start-up). */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  partyId: string | null;
  roles: readonly Role[];
  requestId: string | null;
}

export const systemActor = (partyId: string | null = null): Actor => ({
  kind: 'system',
  userId: null,
  partyId,
  roles: ['administrator'],
  requestId: null,
});
