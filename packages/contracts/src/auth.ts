import { z } from 'zod';

export const roles = [
  'administrator',
  'caseworker',
  'match-reviewer',
  'verifier',
  'communications-officer',
  'auditor',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

export const partyKinds = [
  'home-country-authority',
  'holding-country-authority',
  'mediator',
  'humanitarian-organisation',
] as const;

export const loginBody = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(1000),
});

export const me = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), roles: z.array(z.enum(roles)) }),
  party: z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(partyKinds) }),
});
export type Me = z.infer<typeof me>;
